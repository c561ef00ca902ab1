import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { prepareDepartement } from '../../../src/api/departements.ts';
import { loadAppContext } from '../../../src/app/app-context.ts';
import type { AvailabilityView } from '../../../src/availability/availability-view.ts';
import { resolveBookingRedirect } from '../../../src/booking/redirect.ts';
import { vmdDepartementFile } from '../../../src/opendata/vmd.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { findCentres } from '../../../src/search/find-centres.ts';
import { takeSample } from '../../../src/stats/figures.ts';
import { appendSample } from '../../../src/stats/series-store.ts';
import { statsJson } from '../../../src/stats/stats-api.ts';
import { polledState } from '../../fixtures/centre-state.ts';
import { tempDir } from '../../support/temp-dir.ts';

const fixture = new URL('../../fixtures/csv/lifecycle-reserved-duplicates.csv', import.meta.url);

/**
 * The app over the fixture with a clock the test moves, and every centre holding 10 slots in the cache
 * (duplicates and closed centres included, as an old record would): what is served must still count
 * each agenda once and only the centres listed that day.
 */
async function appAt(clock: { now: Date }) {
  const { registry } = importOfficial(await readFile(fixture), {
    source: 'fixture',
    communes: { commune: () => undefined, communesByPostcode: () => [] },
    now: () => new Date('2021-05-01T10:00:00+02:00'),
    duplicateOverrides: [{ a: '5010', b: '5011', verdict: 'different' }],
  });
  if (!registry) throw new Error('fixture did not import');
  const states = new Map<string, CentreState>();
  const availability = {
    state: (id: string) =>
      states.get(id) ??
      polledState(id, new Date(clock.now.getTime() - 60_000), {
        status: 'some',
        slot_count: 10,
        next_slot: new Date(clock.now.getTime() + 86_400_000).toISOString(),
        per_day: {},
        per_dose: { first: 10, second: 0, booster: 0, unknown: 0 },
      }),
    providers: () => [],
    version: 'fixed',
    loadedAt: new Date(0),
  } as unknown as AvailabilityView;
  return loadAppContext({ registry, availability, now: () => clock.now });
}

const ids = (centres: readonly { id: string }[]) => centres.map((c) => c.id).sort();

describe('a centre closing between two days, served without re-import', () => {
  it('is served open on its date_fermeture and closed from the next day, by every output and the same memo', async () => {
    const clock = { now: new Date('2021-05-31T23:50:00+02:00') };
    const app = await appAt(clock);
    const departement = () =>
      JSON.parse(prepareDepartement(app, '35').body.toString()) as { centres: { id: string }[] };
    const listed = () =>
      ids(findCentres(app, { by: 'departement', code: '35' }).hits.map((hit) => hit.centre));

    expect(ids(departement().centres)).toContain('sante-5010');
    expect(listed()).toContain('sante-5010');
    expect(takeSample(app.availability, app.centres.all(), clock.now).departements.get('35')?.centres).toBe(
      6,
    );
    expect(resolveBookingRedirect(app.centres, 'sante-5010', clock.now).kind).toBe('redirect');

    clock.now = new Date('2021-06-01T00:10:00+02:00');
    expect(ids(departement().centres)).not.toContain('sante-5010');
    expect(listed()).not.toContain('sante-5010');
    const file = vmdDepartementFile(app, '35', app.centres.inDepartement('35'), 'http://creneau.test');
    expect(
      [...file.centres_disponibles, ...file.centres_indisponibles].map((c) => c.internal_id),
    ).not.toContain('sante-5010');
    expect(takeSample(app.availability, app.centres.all(), clock.now).departements.get('35')?.centres).toBe(
      5,
    );
    expect(resolveBookingRedirect(app.centres, 'sante-5010', clock.now).kind).toBe('not-bookable');
  });
});

describe('a duplicate group counted once', () => {
  it('in the département totals and in /api/v1/stats, whatever the duplicates’ own records say', async () => {
    const clock = { now: new Date('2026-12-02T10:00:00+01:00') };
    const app = await appAt(clock);
    const body = JSON.parse(prepareDepartement(app, '35').body.toString()) as {
      totals: { centres: number; centres_with_slots: number; slots: number };
      centres: { id: string }[];
    };
    // Listed: 5001 (its duplicates 5007 and 5008 not), 5004 (opens in 2099: no slots shown), 5009, 5011.
    expect(ids(body.centres)).toEqual(['sante-5001', 'sante-5004', 'sante-5009', 'sante-5011']);
    const dataDir = tempDir('creneau-stats-dup-');
    await appendSample(dataDir, takeSample(app.availability, app.centres.all(), clock.now));
    const response = await statsJson(
      app,
      new Request('http://creneau.test/api/v1/stats?departement=35'),
      new URL('http://creneau.test/api/v1/stats?departement=35'),
      dataDir,
    );
    const stats = (await response.json()) as {
      latest: { centres: number; slots: number; centres_with_slots: number };
    };
    expect(stats.latest).toMatchObject({
      centres: body.totals.centres,
      slots: body.totals.slots,
      centres_with_slots: body.totals.centres_with_slots,
    });
    expect(body.totals.slots).toBe(10 * body.totals.centres_with_slots);
  });
});
