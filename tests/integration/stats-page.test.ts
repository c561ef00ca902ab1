import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

const HOUR = 3_600_000;
let server: RunningServer;
const get = (p: string, init?: RequestInit) => fetch(`${server.url}${p}`, init);

// Six samples an hour apart, the last a few minutes ago: one row each in the "7 days" table.
const now = Date.now();
const times = [5, 4, 3, 2, 1, 0].map((hoursAgo) =>
  new Date(now - hoursAgo * HOUR - 5 * 60_000).toISOString(),
);
const slots = [120, 80, 0, 40, 300, 210];

function point(at: string, index: number) {
  const withSlots = slots[index] ?? 0;
  return {
    at,
    centres: 10,
    centres_with_slots: withSlots > 0 ? 1 + index : 0,
    slots: withSlots,
    centres_unknown: 1,
    centres_stale: 0,
    platforms: { doctolib: { centres: 6, slots: withSlots }, none: { centres: 4, slots: 0 } },
  };
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  const stats = path.join(dataDir, 'stats');
  mkdirSync(stats, { recursive: true });
  const lines = times.map((at, index) => JSON.stringify(point(at, index)));
  // A corrupt line in the middle must cost that line only.
  lines.splice(3, 0, '{"at": "not a date", "centres": 1}');
  writeFileSync(path.join(stats, 'france.ndjson'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(stats, 'departement-29.ndjson'), `${lines.join('\n')}\n`);
  server = await startServer({ dataDir, env: { CRENEAU_STATS_ENABLED: 'off' } });
}, 300_000);
afterAll(async () => server?.stop());

describe('/statistiques', () => {
  it('shows the national figures, a chart with a text alternative and the table behind it', async () => {
    const response = await get('/statistiques');
    expect(response.status).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($('h1').text()).toContain('France');
    expect($('[data-testid="not-doses"]').text()).toMatch(/^Un créneau n’est pas une dose : /);
    expect($('[data-testid="latest"]').text()).toContain('210');

    const charts = $('svg[role="img"]');
    // Two charts, each drawn for a desktop and for a phone (CSS shows one).
    expect(charts).toHaveLength(4);
    charts.each((_, svg) => {
      const ids = ($(svg).attr('aria-labelledby') ?? '').split(' ');
      expect(ids).toHaveLength(2);
      const [titleId, descId] = ids;
      expect($(svg).find(`title#${titleId}`).text().length).toBeGreaterThan(5);
      expect($(svg).find(`desc#${descId}`).text()).toContain('6 relevés');
      expect($(svg).find('polyline').attr('points')?.split(' ')).toHaveLength(6);
    });
    expect($('[data-testid="graphique-creneaux"] desc').text()).toMatch(
      /au plus bas 0, au plus haut 300, 210 au dernier relevé/,
    );

    const rows = $('[data-testid="series-table"] tbody tr');
    expect(rows).toHaveLength(6);
    expect(rows.map((_, row) => $(row).find('td').eq(2).text()).get()).toEqual(slots.map(String));
    expect(rows.first().find('time').attr('datetime')).toBe(times[0]);
  });

  it('shows each booking platform’s share at the last sample', async () => {
    const $ = cheerio.load(await (await get('/statistiques')).text());
    const doctolib = $('[data-testid="platform-table"] tr[data-platform="doctolib"] td');
    // French number formatting puts a narrow no-break space before %.
    expect(doctolib.map((_, cell) => $(cell).text().replace(/\s/g, ' ')).get()).toEqual([
      '6',
      '60 %',
      '210',
      '100 %',
    ]);
  });

  it('shows a département picked in the form, which works without JavaScript', async () => {
    const $ = cheerio.load(await (await get('/statistiques?departement=29&periode=24h')).text());
    expect($('h1').text()).toContain('Finistère (29)');
    expect(
      $('form[method="get"][action="/statistiques"] select[name="departement"] option[selected]').val(),
    ).toBe('29');
    expect($('select[name="periode"] option[selected]').val()).toBe('24h');
    expect($('[data-testid="csv-link"]').attr('href')).toBe('/statistiques.csv?departement=29');
  });

  it('says so when a département has no samples yet', async () => {
    const $ = cheerio.load(await (await get('/statistiques?departement=35')).text());
    expect($('[data-testid="no-samples"]')).toHaveLength(1);
    expect($('svg[role="img"] desc').first().text()).toContain('aucun relevé');
  });

  it('answers 400 for a code that is no département', async () => {
    expect((await get('/statistiques?departement=99')).status).toBe(400);
  });
});

describe('/statistiques.csv', () => {
  it('downloads every sample as ;-separated UTF-8 with a BOM, accents intact', async () => {
    const response = await get('/statistiques.csv?departement=29');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="creneau-statistiques-29-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''creneau-statistiques-29-/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(6);
    expect(rows[0]?.périmètre).toBe('Finistère (29)');
    expect(rows.map((row) => row.créneaux)).toEqual(slots.map(String));
    expect(rows[5]?.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(Date.parse(rows[5]?.date ?? '')).toBe(Math.floor(Date.parse(times[5] ?? '') / 1000) * 1000);
  });
});

describe('GET /api/v1/stats', () => {
  it('returns the series with per-platform shares and the API’s caching headers', async () => {
    const response = await get('/api/v1/stats?departement=29');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as {
      scope: unknown;
      notice: string;
      latest: { slots: number; platforms: Record<string, { slots_share: number | null }> };
      points: Array<{ at: string; slots: number }>;
    };
    expect(body.scope).toEqual({ kind: 'departement', code: '29', name: 'Finistère' });
    expect(body.notice).toMatch(/n’est pas une dose/);
    expect(body.points.map((p) => p.slots)).toEqual(slots);
    expect(body.latest.platforms.doctolib?.slots_share).toBe(1);
    const etag = response.headers.get('etag') ?? '';
    expect((await get('/api/v1/stats?departement=29', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
  });

  it('keeps only the points since the given instant', async () => {
    const since = encodeURIComponent(times[4] ?? '');
    const body = (await (await get(`/api/v1/stats?since=${since}`)).json()) as { points: unknown[] };
    expect(body.points).toHaveLength(2);
  });

  it('refuses unknown parameters and bad instants', async () => {
    expect((await get('/api/v1/stats?dept=29')).status).toBe(400);
    expect((await get('/api/v1/stats?since=yesterday')).status).toBe(400);
  });
});
