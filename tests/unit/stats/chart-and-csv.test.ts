import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toZonedIso } from '../../../src/shared/time.ts';
import { lineChart, niceCeiling } from '../../../src/stats/chart.ts';
import type { StatsPoint } from '../../../src/stats/figures.ts';
import type { StatsScope } from '../../../src/stats/scope.ts';
import { statsCsv, statsCsvFileName } from '../../../src/stats/stats-csv.ts';

const MINUTE = 60_000;
const start = Date.parse('2021-05-03T10:00:00Z');
const label = (at: number) => new Date(at).toISOString().slice(11, 16);

describe('lineChart', () => {
  const points = [0, 10, 20, 30].map((m, i) => ({ at: start + m * MINUTE, value: [4, 9, 2, 6][i] ?? 0 }));
  const chart = lineChart({ title: 'Créneaux', points, formatTime: label, formatValue: String });

  it('scales values from zero to a round ceiling', () => {
    expect(niceCeiling(9)).toBe(10);
    expect(niceCeiling(1234)).toBe(2000);
    expect(niceCeiling(0)).toBe(1);
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '5', '10']);
  });

  it('draws one line across the plot, highest value highest', () => {
    expect(chart.segments).toHaveLength(1);
    const coordinates = chart.segments[0]?.points.split(' ').map((pair) => pair.split(',').map(Number)) ?? [];
    expect(coordinates).toHaveLength(4);
    expect(coordinates[0]?.[0]).toBe(chart.plot.left);
    expect(coordinates[3]?.[0]).toBe(chart.plot.right);
    const ys = coordinates.map(([, y]) => y ?? 0);
    expect(Math.min(...ys)).toBe(ys[1]);
  });

  it('says in words what it shows: period, lowest, highest and last value', () => {
    expect(chart.summary).toBe(
      'Créneaux, 4 relevés du 10:00 au 10:30 : au plus bas 2, au plus haut 9, 6 au dernier relevé.',
    );
  });

  it('breaks the line where samples are missing instead of inventing values', () => {
    const gappy = [0, 10, 20, 200, 210].map((m) => ({ at: start + m * MINUTE, value: 1 }));
    expect(
      lineChart({ title: 'x', points: gappy, formatTime: label, formatValue: String }).segments,
    ).toHaveLength(2);
  });

  it('draws a lone sample as a dot and an empty period as no line', () => {
    const one = lineChart({
      title: 'x',
      points: [{ at: start, value: 3 }],
      formatTime: label,
      formatValue: String,
    });
    expect(one.segments[0]?.dot).not.toBeNull();
    const none = lineChart({ title: 'Créneaux', points: [], formatTime: label, formatValue: String });
    expect(none.segments).toEqual([]);
    expect(none.summary).toContain('aucun relevé');
  });
});

describe('toZonedIso', () => {
  it('writes local time with the zone’s offset, summer and winter', () => {
    expect(toZonedIso(Date.parse('2021-05-03T10:00:00Z'), 'Europe/Paris')).toBe('2021-05-03T12:00:00+02:00');
    expect(toZonedIso(Date.parse('2021-01-03T10:00:00Z'), 'Europe/Paris')).toBe('2021-01-03T11:00:00+01:00');
    expect(toZonedIso(Date.parse('2021-05-03T10:00:00Z'), 'Indian/Reunion')).toBe(
      '2021-05-03T14:00:00+04:00',
    );
    expect(toZonedIso(Date.parse('2021-05-03T10:00:00Z'), 'UTC')).toBe('2021-05-03T10:00:00+00:00');
  });
});

describe('statsCsv', () => {
  const scope: StatsScope = {
    kind: 'departement',
    code: '22',
    name: 'Côtes-d’Armor; "nord"',
    label: 'Côtes-d’Armor; "nord" (22)',
    timeZone: 'Europe/Paris',
  };
  const point: StatsPoint = {
    at: '2021-05-03T10:00:00.000Z',
    centres: 12,
    centres_with_slots: 3,
    slots: 140,
    centres_unknown: 1,
    centres_stale: 2,
    platforms: { doctolib: { centres: 8, slots: 120 }, keldoc: { centres: 4, slots: 20 } },
  };
  const csv = statsCsv(scope, [point]);

  it('starts with a BOM and ends rows with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('is read back by a CSV parser with ; as delimiter, accents and quotes intact', () => {
    const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      date: '2021-05-03T12:00:00+02:00',
      périmètre: 'Côtes-d’Armor; "nord" (22)',
      centres: '12',
      'centres avec créneaux': '3',
      créneaux: '140',
      'centres à l’état inconnu': '1',
      'centres aux données anciennes': '2',
      'centres Doctolib': '8',
      'créneaux Doctolib': '120',
      'créneaux Keldoc': '20',
      'centres Maiia': '0',
    });
  });

  it('defuses a cell a spreadsheet would run as a formula, like every other CSV export', () => {
    const hostile = statsCsv({ ...scope, label: '=HYPERLINK("http://evil")' }, [point]);
    const rows = parse(hostile, { bom: true, delimiter: ';', columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows[0]?.périmètre).toBe('\'=HYPERLINK("http://evil")');
  });

  it('names the download after the scope and the day', () => {
    expect(statsCsvFileName(scope, new Date('2021-05-03T23:30:00Z'))).toBe(
      'creneau-statistiques-22-2021-05-04.csv',
    );
  });
});
