import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

interface CentreJson {
  id: string;
  name: string;
  distance_km: number | null;
  phones: string[];
  health_professionals_only: boolean | null;
  booking_link: string | null;
}

let server: RunningServer;
const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });
const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^33/, '0');

/** The same centres through the API: what the sheet must list, in the same order. */
async function publicCentresAround(insee: string, radiusKm: number): Promise<CentreJson[]> {
  const response = await get(`/api/v1/centres?commune=${insee}&radius_km=${radiusKm}&limit=100`);
  const body = (await response.json()) as { centres: CentreJson[] };
  return body.centres.filter((centre) => centre.health_professionals_only !== true);
}

beforeAll(async () => {
  server = await startServer();
}, 300_000);
afterAll(async () => server?.stop());

describe('GET /communes/{insee}', () => {
  it('lists the centres nearest Rennes in distance order, each starting with its phone numbers', async () => {
    const response = await get('/communes/35238');
    expect(response.status).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($('h1').text()).toBe('Se faire vacciner près de Rennes');
    // The operator's eligibility notice (the labelled demo one here) comes before the list.
    expect($('[data-testid="eligibility"]').text()).toContain('Exemple de démonstration');
    expect($('[data-testid="eligibility"] ~ ol.sheet-list').length).toBe(1);

    const expected = await publicCentresAround('35238', 30);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const entries = $('[data-testid="sheet-entry"]').toArray();
    expect(entries.map((entry) => $(entry).attr('data-centre-id'))).toEqual(expected.map((c) => c.id));

    for (const [index, entry] of entries.entries()) {
      const centre = expected[index];
      if (!centre) throw new Error('more entries than centres');
      // Phones first: the entry's first block is the phone block, before the centre's name.
      expect($(entry).children().first().attr('data-testid')).toBe('sheet-phone');
      const tels = $(entry).find('[data-testid="sheet-phone"] a[href^="tel:"]').toArray();
      expect(tels.map((a) => digits($(a).attr('href') ?? ''))).toEqual(centre.phones.map(digits));
      expect($(entry).find('.sheet-name').text()).toBe(centre.name);
      const booking = $(entry).find('[data-testid="how-to-book"]');
      if (centre.booking_link) expect(booking.find(`a[href="${centre.booking_link}"]`).length).toBe(1);
      else expect(booking.text()).toMatch(/téléphone uniquement|Pas de réservation en ligne/);
    }
  });

  it('prints a QR code, the live address and the time of printing, hidden on screen', async () => {
    const $ = cheerio.load(await (await get('/communes/35238?rayon=20')).text());
    const footer = $('.sheet-print-footer.print-only');
    expect(footer.find('svg path').attr('d')).toMatch(/^M\d+ \d+h/);
    expect(footer.find('.sheet-url').text()).toBe(`${server.url}/communes/35238?rayon=20`);
    expect(footer.find('[data-printed-at]').text()).toMatch(
      /^Imprimé le [a-z]+ \d{1,2} [a-zéû]+ \d{4} à \d{1,2} h \d{2}$/,
    );
  });

  it('shows the guidance for booking on someone’s behalf in mode accompagnant, phone-only centres first', async () => {
    const plain = cheerio.load(await (await get('/communes/44109')).text());
    expect(plain('[data-testid="accompagnant"]').length).toBe(0);
    expect(plain('[data-testid="accompagnant-toggle"]').attr('href')).toBe('/communes/44109?accompagnant=1');

    const $ = cheerio.load(await (await get('/communes/44109?accompagnant=1')).text());
    const guidance = $('[data-testid="accompagnant"]').text();
    expect(guidance).toContain('chaque personne a besoin de son propre rendez-vous');
    expect(guidance).toContain('Première et seconde injection');
    const kinds = $('[data-testid="how-to-book"]')
      .toArray()
      .map((p) => ($(p).text().includes('téléphone uniquement') ? 'phone' : 'other'));
    expect(kinds).toContain('phone');
    expect(kinds.indexOf('other')).toBeGreaterThan(kinds.lastIndexOf('phone'));
    expect($('[data-testid="accompagnant-toggle"]').attr('href')).toBe('/communes/44109');
  });

  it('gives a copy-paste iframe of the commune’s widget', async () => {
    const $ = cheerio.load(await (await get('/communes/35238')).text());
    const snippet = $('copy-snippet [data-testid="embed-snippet"]').text();
    expect(snippet).toContain(`<iframe src="${server.url}/embed/communes/35238"`);
  });

  it('answers 404 with a page for an unknown or malformed commune code', async () => {
    expect((await get('/communes/99999')).status).toBe(404);
    expect((await get('/communes/rennes')).status).toBe(404);
  });
});

describe('CSV exports', () => {
  async function csvOf(path: string) {
    const response = await get(path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const rows = parse(Buffer.from(bytes).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    return { response, bytes, header: rows[0] ?? [], rows: rows.slice(1) };
  }

  it('exports the commune sheet as UTF-8 with a BOM, ";"-separated, accents intact', async () => {
    const { response, bytes, header, rows } = await csvOf('/communes/35238.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="centres-vaccination-Rennes-35238-/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('\r\n');
    expect(header).toEqual([
      'nom',
      'adresse',
      'code postal',
      'commune',
      'téléphone',
      'distance km',
      'plateforme',
      'lien de réservation',
      'disponibilité',
      'créneaux',
      'prochain créneau',
      'vérifié le',
      'remarques',
    ]);
    const expected = await publicCentresAround('35238', 30);
    expect(rows.map((row) => row[0])).toEqual(expected.map((centre) => centre.name));
    expect(rows.some((row) => /[éèà–]/.test(row.join('')))).toBe(true);
    for (const [index, row] of rows.entries()) {
      const centre = expected[index];
      expect(row[5]).toMatch(/^\d+(,\d)?$/);
      expect(Number(row[5]?.replace(',', '.'))).toBeCloseTo(centre?.distance_km ?? Number.NaN, 0);
      expect(row[7]).toBe(centre?.booking_link ? `${server.url}${centre.booking_link}` : '');
      expect((row[4] ?? '').replace(/\D/g, '')).toBe((centre?.phones ?? []).map(digits).join(''));
    }
  });

  it('exports any search with the /recherche parameters', async () => {
    const { response, rows } = await csvOf('/recherche.csv?commune=35238&rayon=20');
    expect(response.status).toBe(200);
    const api = (await (await get('/api/v1/centres?commune=35238&radius_km=20&limit=100')).json()) as {
      centres: CentreJson[];
    };
    expect(rows.map((row) => row[0])).toEqual(api.centres.map((centre) => centre.name));
    const departement = await csvOf('/recherche.csv?departement=2A');
    expect(departement.rows.length).toBeGreaterThan(0);
    expect(departement.rows.every((row) => /^20\d{3}$/.test(row[2] ?? ''))).toBe(true);
  });

  it('refuses an empty or unknown search in plain words', async () => {
    expect((await get('/recherche.csv')).status).toBe(400);
    expect((await get('/recherche.csv?commune=99999')).status).toBe(404);
    expect((await get('/communes/99999.csv')).status).toBe(404);
  });
});

// Issue 15, point 3: Jeugny (10179) is placed by estimate (no source gives its position); every
// output for it says how far roughly, never "à 992 m".
describe('distances from a commune whose position is estimated (Jeugny)', () => {
  const exactUnder5 = /à \d+ m\b|à [0-4](,\d)? km\b/;

  it('says "distance approximative" on the sheet, in the widget and on the board, never an exact figure under 5 km', async () => {
    for (const path of ['/communes/10179', '/embed/communes/10179', '/tableau/communes/10179']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const $ = cheerio.load(await response.text());
      const text = $('main, body').first().text().replace(/\s+/g, ' ');
      if (path.startsWith('/tableau')) {
        const cells = $('td[data-cell="distance"]')
          .map((_, cell) => $(cell).text().trim())
          .get();
        expect(cells.length, path).toBeGreaterThan(0);
        for (const cell of cells) expect(cell, path).toMatch(/^(< 5 km|≈ \d+ km)$/);
        expect($('[data-testid="board-approximate"]').text(), path).toContain('distance approximative');
      } else {
        expect(text, path).toContain('distance approximative');
        expect(text, path).not.toMatch(exactUnder5);
      }
    }
  });

  it('writes the distance in words in the CSV, the same rule', async () => {
    const response = await get('/communes/10179.csv');
    const rows = parse((await response.text()).replace(/^\uFEFF/, ''), {
      delimiter: ';',
      columns: true,
    }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row['distance km']).toMatch(/^à (moins de 5|environ \d+) km \(distance approximative\)$/);
    // A commune placed by a source keeps its figures.
    const rennes = parse((await (await get('/communes/35238.csv')).text()).replace(/^\uFEFF/, ''), {
      delimiter: ';',
      columns: true,
    }) as Array<Record<string, string>>;
    expect(rennes[0]?.['distance km']).toMatch(/^\d+(,\d)?$/);
  });
});
