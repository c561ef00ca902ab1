import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Centre } from '../../../src/registry/centre.ts';
import {
  bookingTarget,
  findDuplicates,
  parseDuplicateOverrides,
  similarNames,
} from '../../../src/registry/import/duplicates.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { ImportReport } from '../../../src/registry/import/import-report.ts';
import { lifecycleOf, lifecycleOn } from '../../../src/registry/lifecycle.ts';
import { captureBytes } from '../../fixtures/captures.ts';
import { makeCentre } from '../../fixtures/world.ts';
import { fakeCommunes } from './fake-communes.ts';

const NAME = 'lifecycle-reserved-duplicates.csv';
const bytes = () => readFile(new URL(`../../fixtures/csv/${NAME}`, import.meta.url));
const NOW = new Date('2021-05-20T10:00:00+02:00');

async function importIt(overrides = '') {
  return importOfficial(await bytes(), {
    source: NAME,
    communes: fakeCommunes(),
    now: () => NOW,
    duplicateOverrides: parseDuplicateOverrides(overrides).overrides,
  });
}

function byGid(centres: readonly Centre[] | undefined, gid: string): Centre {
  const centre = centres?.find((c) => c.source.id === gid);
  if (!centre) throw new Error(`no gid ${gid}`);
  return centre;
}

describe('lifecycle', () => {
  const facts = { opens_on: null, closes_on: null, closed: null } as const;
  it.each([
    [{ ...facts }, '2021-05-20', { state: 'open' }],
    [{ ...facts, closed: true }, '2021-05-20', { state: 'closed', date: null }],
    [
      { ...facts, closed: true, closes_on: '2021-04-30' },
      '2021-05-20',
      { state: 'closed', date: '2021-04-30' },
    ],
    [{ ...facts, closes_on: '2021-05-20' }, '2021-05-20', { state: 'open' }],
    [{ ...facts, closes_on: '2021-05-19' }, '2021-05-20', { state: 'closed', date: '2021-05-19' }],
    [{ ...facts, opens_on: '2021-05-21' }, '2021-05-20', { state: 'opens_on', date: '2021-05-21' }],
    [{ ...facts, opens_on: '2021-05-20' }, '2021-05-20', { state: 'open' }],
    [
      { ...facts, closed: false, opens_on: '2021-06-01', closes_on: '2021-04-01' },
      '2021-05-20',
      { state: 'closed', date: '2021-04-01' },
    ],
  ])('%j on %s is %j', (centre, today, expected) => {
    expect(lifecycleOn(centre, today)).toEqual(expected);
  });

  it('counts "today" in the centre’s own zone (La Réunion is two hours ahead of Paris in summer)', () => {
    const reunion = makeCentre({ id: 'r', departement: '974', closes_on: '2021-05-20' });
    const paris = makeCentre({ id: 'p', departement: '75', closes_on: '2021-05-20' });
    const lateEvening = new Date('2021-05-20T23:00:00+02:00');
    expect(lifecycleOf(paris, lateEvening).state).toBe('open');
    expect(lifecycleOf(reunion, lateEvening).state).toBe('closed');
  });
});

describe('importing a later-vintage file: lifecycle, reserved, duplicates', async () => {
  const { report, registry } = await importIt();

  it('accounts for every row and validates', () => {
    expect(report.counts).toMatchObject({ read: 11, imported: 11, rejected: 0 });
    expect(ImportReport.parse(report)).toBeTruthy();
  });

  it('reads centre_fermeture, date_fermeture and date_ouverture, and counts each state on the day of the import', () => {
    expect(byGid(registry?.centres, '5002').closed).toBe(true);
    expect(byGid(registry?.centres, '5003')).toMatchObject({ closed: null, closes_on: '2021-06-30' });
    expect(report.lifecycle).toEqual({ on: '2021-05-20', open: 9, opens_on: 1, closed: 1 });
  });

  it('derives reserve_professionels_sante from the notes or the name when the column is empty, and says so', () => {
    expect(byGid(registry?.centres, '5005').health_professionals_only).toBe(true);
    expect(byGid(registry?.centres, '5006').health_professionals_only).toBe(true);
    // "Ouvert à tous, y compris aux professionnels de santé": not reserved, and still unknown.
    expect(byGid(registry?.centres, '5009').health_professionals_only).toBeNull();
    expect(byGid(registry?.centres, '5001').health_professionals_only).toBe(false);
    const derived = report.issues.filter((issue) => issue.kind === 'reserved-derived');
    expect(derived.map((issue) => [issue.row, issue.gid])).toEqual([
      [6, '5005'],
      [7, '5006'],
    ]);
    expect(derived[0]?.message).toContain('derived');
  });

  it('groups the same site entered three times, with rows and reasons, and keeps the first with a booking link', () => {
    const liberte = report.duplicates?.find((group) => group.kept.gid === '5001');
    expect(liberte?.kept).toEqual({ row: 2, gid: '5001', id: 'sante-5001' });
    expect(liberte?.others.map((other) => [other.row, other.gid])).toEqual([
      [8, '5007'],
      [9, '5008'],
    ]);
    expect(liberte?.reasons.some((reason) => reason.includes('same booking target (doctolib'))).toBe(true);
    expect(
      liberte?.reasons.some((reason) => /same address .* within 100 m, similar names/.test(reason)),
    ).toBe(true);
    expect(byGid(registry?.centres, '5007').duplicate_of).toBe('sante-5001');
    expect(byGid(registry?.centres, '5008').duplicate_of).toBe('sante-5001');
    expect(byGid(registry?.centres, '5001').duplicate_of).toBeNull();
    expect(byGid(registry?.centres, '5004').duplicate_of).toBeNull();
  });

  it('lets the operator’s file say two rows are different, or the same, by gid', async () => {
    expect(report.duplicates?.some((group) => group.kept.gid === '5010')).toBe(true);
    const overridden = await importIt('# checked on site\n5010;5011;different\n5004;5001;same\n');
    expect(overridden.report.duplicates?.some((group) => group.kept.gid === '5010')).toBe(false);
    expect(byGid(overridden.registry?.centres, '5011').duplicate_of).toBeNull();
    const liberte = overridden.report.duplicates?.find((group) => group.kept.gid === '5001');
    expect(liberte?.others.map((other) => other.gid)).toEqual(['5004', '5007', '5008']);
    expect(liberte?.reasons.some((reason) => reason.includes('the operator says gid 5004 and 5001'))).toBe(
      true,
    );
  });
});

describe('duplicates rule', () => {
  it('reads the booking target through the platform’s own link parser (Doctolib slug and practice)', () => {
    const at = (url: string) => bookingTarget({ booking: { url, platform: 'doctolib' } });
    expect(at('https://partners.doctolib.fr/centre-de-sante/rennes/cv?pid=practice-1')).toBe(
      at('https://www.doctolib.fr/centre-de-sante/rennes/cv?pid=practice-1&enable_cookies_consent=1'),
    );
    expect(at('https://partners.doctolib.fr/centre-de-sante/rennes/cv?pid=practice-1')).not.toBe(
      at('https://partners.doctolib.fr/centre-de-sante/rennes/cv?pid=practice-2'),
    );
    expect(bookingTarget({ booking: { url: 'https://example.org/book', platform: 'other' } })).toBeNull();
  });

  it.each([
    ['Centre de vaccination de Rennes', 'CV Rennes', true],
    ['Centre de vaccination Rennes Sud', 'Centre de vaccination Rennes Nord', true],
    ['Salle des fêtes de Vitré', 'Gymnase de Fougères', false],
    ['Centre de vaccination', 'Centre de vaccination Covid-19', true],
  ])('%j and %j similar: %s', (a, b, expected) => {
    expect(similarNames(a, b)).toBe(expected);
  });

  it('does not join two centres at the same address more than 100 m apart', () => {
    const at = (id: string, lat: number) =>
      makeCentre({
        id,
        name: 'Centre de vaccination de Vitré',
        address: { lines: ['1 rue de la Gare'], postcode: '35500' },
        location: { lat, lon: -1.2, precision: 'address' },
      });
    const near = findDuplicates([
      { row: 2, centre: at('a', 48.1) },
      { row: 3, centre: at('b', 48.1005) },
    ]);
    expect(near.groups).toHaveLength(1);
    const far = findDuplicates([
      { row: 2, centre: at('a', 48.1) },
      { row: 3, centre: at('b', 48.102) },
    ]);
    expect(far.groups).toHaveLength(0);
  });

  it('reports the lines of the operator’s file it cannot read', () => {
    expect(parseDuplicateOverrides('1;2;same\n3;4;maybe\n').problems).toEqual([
      'line 2: "3;4;maybe" is not gid;gid;same|different',
    ]);
  });
});

describe('the January 2021 file with lifecycle, reserved and duplicates', async () => {
  const { report, registry } = importOfficial(captureBytes('centres/centres-vaccination_2021-01-15.csv'), {
    source: 'centres-vaccination_2021-01-15.csv',
    communes: fakeCommunes([]),
    now: () => new Date('2021-01-15T12:00:00+01:00'),
  });

  it('still accounts for every row, each imported centre in exactly one lifecycle state', () => {
    expect(report.counts.imported + report.counts.rejected).toBe(854);
    const { open = 0, opens_on = 0, closed = 0 } = report.lifecycle ?? {};
    expect(open + opens_on + closed).toBe(report.counts.imported);
    // That file has no centre_fermeture column; some centres open after the 15th.
    expect(opens_on).toBeGreaterThan(0);
  });

  it('names real rows in its duplicate groups, each centre in at most one group, kept ones not marked', () => {
    const rows = new Map(registry?.centres.map((centre) => [centre.id, centre]));
    const seen = new Set<string>();
    for (const group of report.duplicates ?? []) {
      expect(group.reasons.length).toBeGreaterThan(0);
      expect(rows.get(group.kept.id)?.duplicate_of).toBeNull();
      for (const member of [group.kept, ...group.others]) {
        expect(seen.has(member.id)).toBe(false);
        seen.add(member.id);
      }
      for (const other of group.others) expect(rows.get(other.id)?.duplicate_of).toBe(group.kept.id);
    }
    const marked = registry?.centres.filter((centre) => centre.duplicate_of).length ?? 0;
    expect(marked).toBe((report.duplicates ?? []).reduce((n, group) => n + group.others.length, 0));
  });
});

describe('the centre kept in a duplicate group', () => {
  it('is the first row with a booking link that is not closed, so the public still sees the place', () => {
    const row = (id: string, extra: Partial<Centre> = {}) =>
      makeCentre({
        id,
        name: 'Centre de vaccination de Vitré',
        address: { lines: ['1 rue de la Gare'], postcode: '35500' },
        location: { lat: 48.1, lon: -1.2, precision: 'address' },
        booking: { url: `https://example.org/${id}`, platform: 'other' },
        ...extra,
      });
    const { groups } = findDuplicates(
      [
        { row: 2, centre: row('a', { booking: { url: null, platform: 'none' } }) },
        { row: 3, centre: row('b', { closed: true }) },
        { row: 4, centre: row('c') },
      ],
      [],
      (centre) => centre.closed === true,
    );
    expect(groups[0]?.kept.id).toBe('c');
  });
});
