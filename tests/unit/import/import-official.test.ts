import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Centre } from '../../../src/registry/centre.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { ImportReport, type IssueKind } from '../../../src/registry/import/import-report.ts';
import { RegistryFile } from '../../../src/registry/registry-file.ts';
import { captureBytes } from '../../fixtures/captures.ts';
import { fakeCommunes } from './fake-communes.ts';

const REAL_FILE = 'centres/centres-vaccination_2021-01-15.csv';
const fixture = (name: string) => readFile(new URL(`../../fixtures/csv/${name}`, import.meta.url));
const NOW = new Date('2021-01-15T12:00:00+01:00');

async function importFixture(name: string) {
  return importOfficial(await fixture(name), { source: name, communes: fakeCommunes(), now: () => NOW });
}

function centreOf(registry: RegistryFile | null, gid: string): Centre {
  const centre = registry?.centres.find((candidate) => candidate.source.id === gid);
  if (!centre) throw new Error(`no centre with gid ${gid}`);
  return centre;
}

function kindsOfRow(report: ImportReport, row: number): IssueKind[] {
  return report.issues.filter((issue) => issue.row === row).map((issue) => issue.kind);
}

describe('importOfficial on the real list of 15 January 2021', async () => {
  const { report, registry } = importOfficial(captureBytes(REAL_FILE), {
    source: 'centres-vaccination_2021-01-15.csv',
    communes: fakeCommunes([]),
    now: () => NOW,
  });

  it('accounts for every one of its 854 rows', () => {
    expect(report.counts.read).toBe(854);
    expect(report.counts.imported + report.counts.rejected).toBe(854);
    expect(registry?.centres).toHaveLength(report.counts.imported);
    expect(report.issues.filter((issue) => issue.level === 'rejection')).toHaveLength(report.counts.rejected);
  });

  it('produces a registry and a report that validate against their schemas, with unique stable ids', () => {
    expect(RegistryFile.parse(registry)).toBeTruthy();
    expect(ImportReport.parse(report)).toBeTruthy();
    const ids = registry?.centres.map((centre) => centre.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(centreOf(registry, '981').id).toBe('sante-981');
  });

  it('reports warnings in plausible numbers for the known mess of that file', () => {
    const byKind = report.issues_by_kind;
    // About 70 booking fields are words (`Doctolib`, `en cours`…) rather than URLs; a handful are bare hosts.
    expect(byKind['booking-url-free-text']).toBeGreaterThanOrEqual(40);
    expect(byKind['booking-url-free-text']).toBeLessThanOrEqual(90);
    expect(byKind['booking-url-no-scheme']).toBeGreaterThanOrEqual(1);
    // Two rows (gid 695, 698) hold nothing but a name.
    expect(byKind['not-located']).toBe(2);
    expect(byKind['unknown-column']).toBeUndefined();
    expect(report.counts.imported_with_warnings).toBeLessThan(report.counts.imported / 4);
  });

  it('maps a row field by field', () => {
    expect(centreOf(registry, '981')).toEqual({
      id: 'sante-981',
      name: 'Hôpital Nord',
      address: { lines: ['Chemin des Bourrely'], postcode: '13015' },
      commune: { insee: '13215', name: 'Marseille' },
      departement: '13',
      location: { lat: 43.3794, lon: 5.36165, precision: 'address' },
      booking: {
        url: 'https://partners.doctolib.fr/hopital-public/marseille/vaccinationcovidaphm?speciality_id=5494&enable_cookies_consent=1',
        platform: 'doctolib',
      },
      phones: ['+33491964439'],
      phone_details: [
        { number: '+33491964439', display: '04 91 96 44 39', column: 'rdv_tel', text: '+33491964439' },
      ],
      opening_hours: {
        monday: '19h30-21h30',
        tuesday: '19h30-21h30',
        wednesday: '19h30-21h30',
        thursday: '19h30-21h30',
        friday: '19h30-21h30',
        saturday: '12h-16h',
        sunday: 'fermé',
      },
      accessible: null,
      opens_on: '2021-01-11',
      closes_on: null,
      closed: null,
      duplicate_of: null,
      notes: 'Réservé aux professionnels de santé libéraux',
      // The January file leaves reserve_professionels_sante out: derived from the notes.
      health_professionals_only: true,
      source: { kind: 'official', id: '981', updated_at: '2021-01-14T17:30:16.750551+01:00' },
    });
  });

  it('places overseas centres in their own département', () => {
    const reunion = registry?.centres.filter((centre) => centre.departement === '974') ?? [];
    expect(reunion.length).toBeGreaterThan(0);
    for (const centre of reunion) expect(centre.location?.lat).toBeLessThan(-20);
  });
});

describe('importOfficial on a later vintage (`,`, LF, no BOM, new columns, ISO dates, no lieu_tel)', async () => {
  const { report, registry } = await importFixture('later-vintage.csv');

  it('imports every row without warning about the new columns', () => {
    expect(report.counts).toMatchObject({ read: 3, imported: 3, rejected: 0 });
    expect(report.file).toMatchObject({ delimiter: ',', bom: false });
    expect(report.issues_by_kind['unknown-column']).toBeUndefined();
  });

  it('reads ISO dates, both booking lines, health-professionals-only and a quoted address holding the delimiter', () => {
    const ajaccio = centreOf(registry, '3001');
    expect(ajaccio).toMatchObject({
      departement: '2A',
      commune: { insee: '2A004', name: 'Ajaccio' },
      address: { lines: ['1 Avenue Impératrice Eugénie, Palais des Congrès'], postcode: '20000' },
      booking: { platform: 'maiia' },
      phones: ['+33495290000', '+33800009999'],
      accessible: true,
      opens_on: '2021-04-12',
      closes_on: '2021-09-30',
      notes: 'Sur rendez-vous, deux injections',
      health_professionals_only: false,
      source: { updated_at: '2021-06-01T08:15:00.123+00:00' },
    });
    expect(centreOf(registry, '3002')).toMatchObject({
      departement: '974',
      health_professionals_only: true,
      phones: ['+262262905050'],
    });
  });

  it('warns about a bad ISO date and leaves it empty', () => {
    expect(centreOf(registry, '3003').closes_on).toBeNull();
    expect(kindsOfRow(report, 4)).toEqual(['bad-date']);
  });
});

describe('importOfficial on a file with a BOM, CRLF and `;`', async () => {
  const { report, registry } = await importFixture('bom-crlf-semicolon.csv');

  it('reads the header despite the BOM and keeps a quoted line break in the notes', () => {
    expect(report.counts).toMatchObject({ read: 2, imported: 2, rejected: 0, warnings: 0 });
    expect(report.file).toMatchObject({ delimiter: ';', bom: true });
    expect(centreOf(registry, '201').notes).toBe('Sur rendez-vous uniquement;\napporter la carte Vitale');
    expect(centreOf(registry, '202')).toMatchObject({
      closes_on: '2021-06-30',
      booking: { platform: 'keldoc' },
    });
  });

  it('lists the booking line first and does not repeat a number given twice', () => {
    expect(centreOf(registry, '201').phones).toEqual(['+33299212121']);
  });
});

describe('importOfficial on broken rows', async () => {
  const { report, registry } = await importFixture('broken-rows.csv');

  it('accounts for every row: 12 read, 10 imported, 2 rejected', () => {
    expect(report.counts).toMatchObject({ read: 12, imported: 10, rejected: 2, imported_with_warnings: 10 });
  });

  it('warns once, on row 1, about an unknown column', () => {
    expect(report.issues.filter((issue) => issue.kind === 'unknown-column')).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('commentaire_interne') }),
    ]);
  });

  it('keeps free text of the booking field as notes, without a URL', () => {
    expect(centreOf(registry, '101')).toMatchObject({
      booking: { url: null, platform: 'none' },
      notes: 'Doctolib en cours',
    });
    expect(kindsOfRow(report, 2)).toEqual(['booking-url-free-text']);
  });

  it('places a centre without coordinates at its commune, flagged by the precision of the commune point', () => {
    expect(centreOf(registry, '102').location).toEqual({ lat: 48.1115, lon: -1.6803, precision: 'commune' });
    expect(centreOf(registry, '103').location).toEqual({
      lat: 47.9975,
      lon: -4.0979,
      precision: 'approximate',
    });
    expect(kindsOfRow(report, 3)).toEqual(['placed-at-commune']);
  });

  it('finds a commune whose INSEE code is unknown by its name among the postcode communes', () => {
    expect(centreOf(registry, '104').location).toMatchObject({ lat: 48.7326, precision: 'commune' });
  });

  it('imports a centre in an unknown commune without a location, with a warning', () => {
    expect(centreOf(registry, '105').location).toBeNull();
    expect(kindsOfRow(report, 6)).toEqual(['commune-unknown']);
  });

  it('rejects a duplicate gid and a row without a name, saying which row and why', () => {
    const rejections = report.issues.filter((issue) => issue.level === 'rejection');
    expect(rejections).toEqual([
      expect.objectContaining({
        row: 8,
        gid: '106',
        kind: 'duplicate-id',
        message: expect.stringContaining('row 7'),
      }),
      expect.objectContaining({ row: 9, gid: '107', kind: 'no-name' }),
    ]);
    expect(centreOf(registry, '106').name).toBe('Centre à la date fausse');
  });

  it('swaps back swapped coordinates and replaces out-of-France ones by the commune', () => {
    expect(centreOf(registry, '108').location).toEqual({ lat: 48.11, lon: -1.68, precision: 'address' });
    expect(centreOf(registry, '109').location).toMatchObject({ precision: 'commune' });
    expect(kindsOfRow(report, 11)).toEqual(['coordinates-outside-france', 'placed-at-commune']);
  });

  it('keeps the good phone of a row whose other phone field is text', () => {
    expect(centreOf(registry, '110')).toMatchObject({
      phones: ['+590590862931'],
      accessible: null,
      departement: '971',
    });
    expect(kindsOfRow(report, 12)).toEqual(['bad-phone']);
  });

  it('imports a short row, reading its missing fields as empty, with a warning', () => {
    expect(centreOf(registry, '111').location).toBeNull();
    expect(kindsOfRow(report, 13)).toEqual(['not-located', 'field-count']);
  });
});

describe('importOfficial on files it cannot import', () => {
  it('fails without a registry when the nom column is missing', async () => {
    const { report, registry } = await importFixture('no-nom-column.csv');
    expect(registry).toBeNull();
    expect(report.ok).toBe(false);
    expect(report.error).toContain('nom');
  });

  it('fails without a registry when no row can be imported', () => {
    const bytes = new TextEncoder().encode('gid;nom\n1;\n2;\n');
    const { report, registry } = importOfficial(bytes, { source: 'x', communes: fakeCommunes() });
    expect(registry).toBeNull();
    expect(report).toMatchObject({ ok: false, counts: { read: 2, rejected: 2, imported: 0 } });
  });
});
