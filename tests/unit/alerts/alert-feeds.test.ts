import * as cheerio from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AlertEvent, alertEventId } from '../../../src/alerts/alert-event.ts';
import { alertFeedUrl, communeAlertFeed, departementAlertFeed } from '../../../src/alerts/alert-feeds.ts';
import { type AlertStore, createAlertStore } from '../../../src/alerts/alert-store.ts';
import { type AppContext, loadAppContext } from '../../../src/app/app-context.ts';
import type { CacheDriver } from '../../../src/cache/cache.ts';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { timeZoneOf } from '../../../src/geo/time-zone.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { handleApi, sharedCacheControl } from '../../../src/shared/http.ts';
import { centreIn, rennesCentre } from '../../fixtures/alerts/availability.ts';

const ORIGIN = 'https://creneau.example';
const NASTY_NAME = 'Centre "Liberté" <b>Rennes</b> & Cie \u0001';

const rennes = rennesCentre('sante-rennes', NASTY_NAME);
const cesson = centreIn(
  'sante-cesson',
  { insee: '35051', name: 'Cesson-Sévigné', postcode: '35510', departement: '35' },
  { lat: 48.1212, lon: -1.603 },
);
const fougeres = centreIn(
  'sante-fougeres',
  { insee: '35115', name: 'Fougères', postcode: '35300', departement: '35' },
  { lat: 48.35185, lon: -1.19989 },
);
const laval = centreIn(
  'sante-laval',
  { insee: '53130', name: 'Laval', postcode: '53000', departement: '53' },
  { lat: 48.0732, lon: -0.7634 },
);

function eventAt(centre: Centre, slots: number, detectedAt: string): AlertEvent {
  return {
    id: alertEventId(centre.id, detectedAt),
    centre_id: centre.id,
    centre_name: centre.name,
    commune: { insee: centre.commune.insee, name: centre.commune.name },
    departement: centre.departement,
    location: centre.location,
    slot_count: slots,
    next_slot: '2021-04-22T12:30:00Z',
    booking_link: `${ORIGIN}/go/${centre.id}`,
    centre_url: `${ORIGIN}/centres/${centre.id}`,
    time_zone: timeZoneOf(centre),
    detected_at: detectedAt,
  };
}

let cache: CacheDriver;
let store: AlertStore;
let app: AppContext;
beforeAll(() => {
  vi.stubEnv('CRENEAU_PUBLIC_URL', ORIGIN);
});
afterAll(() => {
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  cache = memoryDriver({});
  store = createAlertStore(cache, undefined, { refreshMs: 0 });
  app = await loadAppContext({
    registry: {
      format: 'creneau-registry',
      version: 1,
      kind: 'official',
      source: 'test',
      imported_at: '2021-04-20T00:00:00Z',
      centres: [rennes, cesson, fougeres, laval],
    },
    alerts: store,
  });
  const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  await store.append([
    eventAt(laval, 6, recent(40)),
    eventAt(fougeres, 9, recent(30)),
    eventAt(cesson, 7, recent(20)),
    eventAt(rennes, 12, recent(10)),
  ]);
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:4321${path}`, { headers });

async function communeFeed(insee: string, query = '', headers: Record<string, string> = {}) {
  return handleApi(() =>
    communeAlertFeed(app, get(`/alertes/communes/${insee}.atom${query}`, headers), insee),
  );
}

async function departementFeed(code: string, query = '') {
  return handleApi(() => departementAlertFeed(app, get(`/alertes/departements/${code}.atom${query}`), code));
}

function parse(xml: string) {
  return cheerio.load(xml, { xml: true });
}

describe('Atom feeds of alerts', () => {
  it('serve a valid Atom 1.0 feed for a commune with the required elements', async () => {
    const response = await communeFeed('35238', '?rayon=20');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(sharedCacheControl(app.pollIntervalS));
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const $ = parse(xml);
    const feed = $('feed');
    expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(feed.children('id').text()).toBe(`${ORIGIN}/alertes/communes/35238.atom?rayon=20`);
    expect(feed.children('title').text()).toBe('Créneaux de vaccination à moins de 20 km de Rennes');
    expect(feed.children('link[rel="self"]').attr('href')).toBe(
      `${ORIGIN}/alertes/communes/35238.atom?rayon=20`,
    );
    expect(feed.children('link[rel="alternate"]').attr('href')).toBe(
      `${ORIGIN}/recherche?commune=35238&rayon=20`,
    );
    expect(feed.children('author').children('name').text()).toBe('Créneau');

    const entries = $('entry')
      .toArray()
      .map((entry) => $(entry));
    expect(entries.map((entry) => entry.children('link[rel="related"]').attr('href'))).toEqual([
      `${ORIGIN}/centres/sante-rennes`,
      `${ORIGIN}/centres/sante-cesson`,
    ]);
    const [first] = entries;
    expect(first?.children('id').text()).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(feed.children('updated').text()).toBe(first?.children('updated').text());
    expect(Number.isNaN(Date.parse(first?.children('updated').text() ?? ''))).toBe(false);
    expect(first?.children('link[rel="alternate"]').attr('href')).toBe(`${ORIGIN}/go/sante-rennes`);
    expect(entries[1]?.children('title').text()).toBe('7 créneaux à Centre sante-cesson (Cesson-Sévigné)');
    // 12:30 UTC is 14:30 in Paris in April.
    expect(entries[1]?.children('summary').text()).toContain('Prochain : jeudi 22 avril à 14 h 30.');
  });

  it('keeps a centre name with markup characters as escaped text, and drops characters XML forbids', async () => {
    const xml = await (await communeFeed('35238')).text();
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&quot;Liberté&quot; &lt;b&gt;Rennes&lt;/b&gt; &amp; Cie');
    expect(xml).not.toContain('\u0001');
    const $ = parse(xml);
    expect($('entry').first().children('title').text()).toBe(
      '12 créneaux à Centre "Liberté" <b>Rennes</b> & Cie  (Rennes)',
    );
    expect($('entry b')).toHaveLength(0);
  });

  it('includes centres of neighbouring départements within the radius', async () => {
    // From Vitré (35): Fougères 26 km, Cesson-Sévigné 29 km, Laval (53) 33 km, Rennes 35 km.
    const $ = parse(await (await communeFeed('35360', '?rayon=34')).text());
    const centres = $('entry link[rel="related"]')
      .toArray()
      .map((link) => $(link).attr('href')?.replace(`${ORIGIN}/centres/`, ''));
    expect(centres).toEqual(['sante-cesson', 'sante-fougeres', 'sante-laval']);
  });

  it('serves a département feed with its centres only', async () => {
    const response = await departementFeed('35');
    expect(response.status).toBe(200);
    const $ = parse(await response.text());
    expect($('feed > title').text()).toBe('Créneaux de vaccination : Ille-et-Vilaine (35)');
    expect($('feed > link[rel="alternate"]').attr('href')).toBe(`${ORIGIN}/recherche?departement=35`);
    expect(
      $('entry link[rel="related"]')
        .toArray()
        .map((link) => $(link).attr('href')?.replace(`${ORIGIN}/centres/`, '')),
    ).toEqual(['sante-rennes', 'sante-cesson', 'sante-fougeres']);
  });

  it('answers 304 to a matching If-None-Match, and changes its ETag when an alert is added', async () => {
    const first = await communeFeed('35238');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await communeFeed('35238', '', { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await store.append([eventAt(cesson, 15, new Date().toISOString())]);
    const changed = await communeFeed('35238', '', { 'if-none-match': etag ?? '' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(
      parse(await changed.text())('entry')
        .first()
        .children('title')
        .text(),
    ).toMatch(/^15 créneaux/);
  });

  it('serves a valid, empty feed where nothing appeared', async () => {
    const $ = parse(await (await departementFeed('2A')).text());
    expect($('feed > id').text()).toBe(`${ORIGIN}/alertes/departements/2A.atom`);
    expect($('feed > updated').text()).toBe('2021-04-20T00:00:00Z');
    expect($('entry')).toHaveLength(0);
  });

  it('answers 404 for an unknown commune and 400 for a malformed code, radius or parameter', async () => {
    expect((await communeFeed('35999')).status).toBe(404);
    expect((await communeFeed('3523')).status).toBe(400);
    expect((await departementFeed('96')).status).toBe(400);
    for (const query of ['?rayon=0', '?rayon=500', '?rayon=loin', '?radius=20', '?rayon=10&rayon=20'])
      expect((await communeFeed('35238', query)).status, query).toBe(400);
    expect((await departementFeed('35', '?rayon=20')).status).toBe(400);
    const body = (await (await communeFeed('35238', '?rayon=500')).json()) as { error: { message: string } };
    expect(body.error.message).toBe('rayon: must be at most 200');
  });

  it('names the feed of a commune or département search, and none for a postcode or a point', () => {
    expect(alertFeedUrl({ by: 'commune', insee: '35238', radiusKm: 15 })).toBe(
      '/alertes/communes/35238.atom?rayon=15',
    );
    expect(alertFeedUrl({ by: 'departement', code: '2A' })).toBe('/alertes/departements/2A.atom');
    expect(alertFeedUrl({ by: 'postcode', postcode: '35000', radiusKm: 20 })).toBeNull();
    expect(alertFeedUrl({ by: 'point', lat: 48.1, lon: -1.6, radiusKm: 20 })).toBeNull();
  });
});
