import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapterContext } from '../../../src/adapters/context.ts';
import type { Adapter } from '../../../src/adapters/define-adapter.ts';
import keldocAdapter from '../../../src/adapters/keldoc/adapter.ts';
import keldocDiscovery from '../../../src/adapters/keldoc/discover.ts';
import { departementByCode } from '../../../src/discovery/departements.ts';
import type { Proposal } from '../../../src/discovery/proposal.ts';
import { openProposalStore } from '../../../src/discovery/proposal-store.ts';
import { runDiscovery } from '../../../src/discovery/run-discovery.ts';
import { registryCentre } from '../../fixtures/discovery/places.ts';
import { tempDir } from '../../support/temp-dir.ts';

const answer = readFileSync(
  new URL('../../fixtures/discovery/keldoc-geo-location.json', import.meta.url),
  'utf8',
);
const rennes = departementByCode('35');
if (!rennes) throw new Error('no département 35');

/**
 * The registry as the official list gives it: the CHU's booking link on Keldoc's page without its
 * cabinet (the page holds only the Guy Ropartz hall, so the link is that place: an identifier
 * match), and Bruz's centre without any link, found by name and address only.
 */
const centres = [
  registryCentre({
    id: 'chu-rennes',
    name: 'CHU Rennes Pontchaillou',
    // Far from the hall's pin: only the platform's page names it.
    location: { lat: 48.12, lon: -1.7, precision: 'address' },
    booking: {
      url: 'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/rennes-35000/chu-de-rennes',
      platform: 'keldoc',
    },
  }),
  registryCentre({
    id: 'bruz',
    name: 'Centre de vaccination de Bruz',
    address: { lines: ['Salle Pierre de Coubertin'], postcode: '35170' },
    commune: { insee: '35047', name: 'Bruz' },
    location: null,
    booking: { url: null, platform: 'none' },
  }),
];

async function discover(autoAcceptIdentifierMatches: boolean) {
  const store = openProposalStore(tempDir('creneau-auto-accept-'));
  const applied: Proposal[] = [];
  const ctx = createAdapterContext(keldocAdapter as Adapter, {
    settings: { base_url: 'https://keldoc.test', rate_limit: { requests: 1000, per_seconds: 1 } },
    logger: pino({ level: 'silent' }),
    fetch: async () => new Response(answer, { headers: { 'content-type': 'application/json' } }),
  });
  const report = await runDiscovery({
    centres,
    departements: [rennes as NonNullable<typeof rennes>],
    store,
    contextFor: (platform) => (platform === 'keldoc' ? ctx : undefined),
    discoveries: [keldocDiscovery],
    autoAcceptIdentifierMatches,
    applyAccepted: async (proposal) => {
      applied.push(proposal);
    },
    now: () => new Date('2021-01-18T09:00:00Z'),
    logger: pino({ level: 'silent' }),
  });
  return { report, applied, proposals: await store.listProposals() };
}

describe('discovery.auto_accept_identifier_matches', () => {
  it('accepts and applies at once what a platform identifier proves, and leaves name matches to an operator', async () => {
    const { report, applied, proposals } = await discover(true);
    const byCentre = Object.fromEntries(
      proposals.map((p) => [p.kind === 'new_centre' ? 'new' : p.centreId, p]),
    );
    expect(byCentre['chu-rennes']).toMatchObject({
      kind: 'platform_id',
      status: 'accepted',
      decided_by: 'auto',
      evidence: { rule: 'identifier' },
    });
    expect(byCentre['chu-rennes']?.discovered.booking_url).toContain('cabinet=16792');
    // Bruz matched by name and address: a link to propose, for an operator to decide.
    expect(byCentre.bruz).toMatchObject({ kind: 'link', status: 'pending' });
    expect(byCentre.bruz?.evidence.rule).not.toBe('identifier');
    expect(report.auto_accepted.map((p) => p.id)).toEqual([byCentre['chu-rennes']?.id]);
    expect(applied.map((p) => p.id)).toEqual([byCentre['chu-rennes']?.id]);
  });

  it('accepts nothing by itself when off (the default): every proposal waits for an operator', async () => {
    const { report, applied, proposals } = await discover(false);
    expect(proposals.map((p) => p.kind).sort()).toEqual(['link', 'platform_id']);
    expect(proposals.every((p) => p.status === 'pending')).toBe(true);
    expect(report.auto_accepted).toEqual([]);
    expect(applied).toEqual([]);
  });
});
