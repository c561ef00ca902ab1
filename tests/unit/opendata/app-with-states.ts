import type { AdapterError } from '../../../src/adapters/availability.ts';
import { type AppContext, loadAppContext } from '../../../src/app/app-context.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import { polledState } from '../../fixtures/centre-state.ts';

/** The demo registry with availability states set by hand, and a frozen clock. */
export async function appWithStates(now: Date, states: Map<string, CentreState>): Promise<AppContext> {
  let version = 0;
  const availability = {
    state: (id: string) => states.get(id),
    providers: () => [],
    get version() {
      return `test.${version++}`;
    },
  } as unknown as AvailabilityView;
  const demo = generateDemoRegistry(getGazetteer());
  // The feeds leave out centres reserved for health professionals; demo-0128 is reserved in the demo
  // but is the one Doctolib centre of département 35 these tests need, so here it is public.
  const centres = demo.centres.map((centre) =>
    centre.id === 'demo-0128' ? { ...centre, health_professionals_only: false } : centre,
  );
  return loadAppContext({ registry: { ...demo, centres }, availability, now: () => now });
}

export function checkedState(
  centreId: string,
  at: string,
  availability: Partial<NonNullable<CentreState['availability']>> &
    Pick<NonNullable<CentreState['availability']>, 'status'>,
): CentreState {
  return polledState(centreId, new Date(at), {
    next_slot: null,
    slot_count: 0,
    per_day: {},
    per_dose: { first: 0, second: 0, booster: 0, unknown: 0 },
    per_vaccine: {},
    booking_url: null,
    ...availability,
  });
}

export function failedState(
  centreId: string,
  at: string,
  error: AdapterError,
  previous?: CentreState,
): CentreState {
  const base = previous ?? checkedState(centreId, at, { status: 'unknown' });
  return {
    ...base,
    ...(previous ? {} : { availability: null, valid_at: null, changed_at: null }),
    checked_at: at,
    last_error: error,
    consecutive_failures: 1,
  };
}
