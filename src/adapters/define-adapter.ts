import type { z } from 'zod';
import type { Centre } from '../registry/centre.ts';
import { type Availability, emptyPerDose } from './availability.ts';
import type { AdapterContext } from './context.ts';
import { ProviderError } from './errors.ts';

/** What an adapter's `fetchAvailability` returns: the counts; `defineAdapter` fills the rest. */
export type AvailabilityDraft = Omit<
  Availability,
  'provider' | 'checked_at' | 'horizon_days' | 'error' | 'booking_phone'
> &
  Partial<Pick<Availability, 'booking_phone'>>;

export interface AdapterDefinition<O = undefined> {
  /** Also the key of its settings (`providers.<name>`) and of its fixture folder. */
  name: string;
  /** The real provider's API root; `settings.base_url` overrides it (the simulator, a partner host). */
  defaultBaseUrl: string;
  /** Whether a centre's booking URL belongs to this adapter, by host and path. */
  claims(url: URL): boolean;
  /** Also take centres by something other than their URL (smart: centres that came from its feed). */
  claimsCentre?(centre: Centre): boolean;
  /** Adapter-specific options beside the shared `ProviderSettings`. */
  optionsSchema?: z.ZodType<O>;
  /** Whether it talks to a provider at all; false for the no-availability adapters. */
  makesRequests?: boolean;
  /**
   * Reads one centre's availability. Throw `ProviderError` (http.ts does) for expected failures:
   * they become `{ status: 'unknown', error }`.
   */
  fetchAvailability(centre: Centre, ctx: AdapterContext<O>): Promise<AvailabilityDraft>;
}

export interface Adapter<O = unknown> {
  readonly name: string;
  readonly defaultBaseUrl: string;
  readonly makesRequests: boolean;
  readonly optionsSchema: z.ZodType<O> | undefined;
  claims(url: URL): boolean;
  claimsCentre(centre: Centre): boolean;
  /** Never rejects for a provider failure: those come back as `status: 'unknown'` with `error`. */
  fetchAvailability(centre: Centre, ctx: AdapterContext<O>): Promise<Availability>;
}

/** Declares an adapter (cf. unstorage's `defineDriver`): a plain object with one required job. */
export function defineAdapter<O = undefined>(definition: AdapterDefinition<O>): Adapter<O> {
  return {
    name: definition.name,
    defaultBaseUrl: definition.defaultBaseUrl,
    makesRequests: definition.makesRequests ?? true,
    optionsSchema: definition.optionsSchema,
    claims: (url) => definition.claims(url),
    claimsCentre: (centre) => definition.claimsCentre?.(centre) ?? false,
    async fetchAvailability(centre, ctx) {
      const checkedAt = ctx.now();
      const base = {
        provider: definition.name,
        checked_at: checkedAt.toISOString(),
        horizon_days: ctx.settings.horizon_days,
      };
      try {
        const draft = await definition.fetchAvailability(centre, ctx);
        return { ...base, booking_phone: null, ...draft, error: null };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        ctx.logger.warn({ centre: centre.id, kind: error.kind, err: error.message }, 'availability unknown');
        return failedAvailability(centre, base, error);
      }
    },
  };
}

/** What we can say of a centre without slot data: unknown, with its own booking link and phone. */
export function unknownDraft(centre: Centre): AvailabilityDraft {
  return {
    status: 'unknown',
    next_slot: null,
    slot_count: 0,
    per_day: {},
    per_dose: emptyPerDose(),
    per_vaccine: {},
    booking_url: centre.booking.url,
    booking_phone: centre.phones[0] ?? null,
  };
}

/** The availability of a failed poll: unknown, with the error that says why (never 0 slots). */
export function failedAvailability(
  centre: Centre,
  base: Pick<Availability, 'provider' | 'checked_at' | 'horizon_days'>,
  error: ProviderError,
): Availability {
  return { ...base, booking_phone: null, ...unknownDraft(centre), error: error.toAdapterError() };
}

export function isAdapter(value: unknown): value is Adapter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Adapter).name === 'string' &&
    typeof (value as Adapter).fetchAvailability === 'function' &&
    typeof (value as Adapter).claims === 'function'
  );
}
