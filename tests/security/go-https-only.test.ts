import { writeFileSync } from 'node:fs';
import { validateHeaderValue } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingTarget } from '../../src/booking/booking-target.ts';
import { lookAlikePlatform } from '../../src/booking/look-alike.ts';
import { resolveBookingRedirect } from '../../src/booking/redirect.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { parseBookingField } from '../../src/registry/import/booking-field.ts';
import { writeRegistry } from '../../src/registry/store.ts';
import { makeCentre } from '../fixtures/world.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

// Issue 13, point 5 (and the `/go` crash on a non-ASCII booking URL): `/go` sends people only to
// https URLs of known platforms or allow-listed hosts; any other host gets "vous quittez Créneau pour …".

const NOW = new Date('2021-05-10T10:00:00+02:00');

function centre(id: string, url: string, platform: Centre['booking']['platform'] = 'doctolib'): Centre {
  return makeCentre({
    id,
    name: `Centre ${id}`,
    address: { lines: ['1 rue de la Paix'], postcode: '35000' },
    commune: { insee: '35238', name: 'Rennes' },
    departement: '35',
    location: { lat: 48.11, lon: -1.68, precision: 'address' },
    booking: { url, platform },
    phones: [],
    source: { kind: 'demo', id: null, updated_at: null },
  });
}

const centres = [
  centre('plain-http', 'http://partners.doctolib.fr/c/rennes/x?pid=practice-2'),
  centre('look-alike', 'https://doctolib.fr.evil.example/c/rennes', 'other'),
  centre('hospital', 'https://rdv.chu-rennes.example/vaccin', 'other'),
  centre('hospital-http', 'http://rdv.chu-rennes.example/vaccin', 'other'),
  centre('non-ascii', 'https://www.doctolib.fr/€uro?x=€#é'),
  centre('credentials', 'https://www.doctolib.fr@evil.example/c', 'other'),
  centre('script', 'javascript:alert(1)', 'other'),
];
const index = { byId: (id: string) => centres.find((c) => c.id === id) };

describe('/go redirects only to https URLs of known platforms', () => {
  it('upgrades http:// to https:// for a platform known to serve https', () => {
    expect(resolveBookingRedirect(index, 'plain-http', NOW)).toMatchObject({
      kind: 'redirect',
      location: 'https://partners.doctolib.fr/c/rennes/x?pid=practice-2&source=creneau',
    });
  });

  it('does not treat a look-alike host as the platform: interstitial, and the import warns', () => {
    expect(resolveBookingRedirect(index, 'look-alike', NOW)).toMatchObject({
      kind: 'interstitial',
      host: 'doctolib.fr.evil.example',
    });
    expect(lookAlikePlatform('doctolib.fr.evil.example')).toBe('doctolib');
    expect(lookAlikePlatform('doctolib-rdv.example')).toBe('doctolib');
    expect(lookAlikePlatform('partners.doctolib.fr')).toBeNull();
    expect(lookAlikePlatform('rdv.chu-rennes.example')).toBeNull();
    const field = parseBookingField('https://doctolib.fr.evil.example/c/rennes');
    expect(field.issues.map((i) => i.kind)).toContain('booking-url-look-alike');
    expect(parseBookingField('https://partners.doctolib.fr/c/rennes').issues).toEqual([]);
  });

  it('sends credentials-in-URL tricks to the interstitial of the real host, without the credentials', () => {
    const target = resolveBookingRedirect(index, 'credentials', NOW);
    expect(target).toMatchObject({ kind: 'interstitial', host: 'evil.example' });
    expect(target.kind === 'interstitial' && target.location).toBe('https://evil.example/c?source=creneau');
  });

  it('gives an unknown booking host the interstitial unless the operator allow-lists it', () => {
    expect(resolveBookingRedirect(index, 'hospital', NOW).kind).toBe('interstitial');
    const allowed = { allowedHosts: ['chu-rennes.example'] };
    expect(resolveBookingRedirect(index, 'hospital', NOW, allowed)).toMatchObject({
      kind: 'redirect',
      location: 'https://rdv.chu-rennes.example/vaccin?source=creneau',
    });
    // Allow-listed, but plain http: never an automatic redirect to http.
    expect(resolveBookingRedirect(index, 'hospital-http', NOW, allowed).kind).toBe('interstitial');
  });

  it('never redirects to a scheme other than https', () => {
    expect(resolveBookingRedirect(index, 'script', NOW).kind).toBe('no-booking-url');
    expect(bookingTarget('data:text/html,<script>1</script>').kind).toBe('refused');
    expect(bookingTarget('//doctolib.fr/x').kind).toBe('refused');
  });

  it('gives a Location that is plain ASCII for a non-ASCII booking URL', () => {
    const target = resolveBookingRedirect(index, 'non-ascii', NOW);
    expect(target.kind).toBe('redirect');
    const location = target.kind === 'redirect' ? target.location : '';
    expect(location).toBe('https://www.doctolib.fr/%E2%82%ACuro?x=%E2%82%AC&source=creneau#%C3%A9');
    expect(() => validateHeaderValue('location', location)).not.toThrow();
  });

  it('never hands a Location a header cannot carry, whatever the registry holds', () => {
    const nasty = ['\u0000', '\r\n', '\u2028', '€', '\u{1F489}', '\t', '"', '<', ' ', '\u007f', '%'];
    for (const a of nasty) {
      for (const b of nasty) {
        for (const url of [
          `https://www.doctolib.fr/${a}x${b}?q=${b}${a}#${a}`,
          `https://${a}doctolib.fr${b}/`,
        ]) {
          const target = bookingTarget(url);
          if (target.kind === 'refused') continue;
          expect(() => validateHeaderValue('location', target.location), url).not.toThrow();
          expect(target.location.startsWith('https://') || target.kind === 'interstitial').toBe(true);
        }
      }
    }
  });
});

describe('/go on a running server with hostile booking URLs in the registry', () => {
  let server: RunningServer;
  const get = (p: string) => fetch(`${server.url}${p}`, { redirect: 'manual' });
  beforeAll(async () => {
    const dataDir = tempDataDir('creneau-go-');
    await writeRegistry(dataDir, {
      format: 'creneau-registry',
      version: 1,
      kind: 'official',
      source: 'go-https-only.test.ts',
      imported_at: '2021-05-01T08:00:00+02:00',
      centres: centres.filter((c) => c.id !== 'script'),
    });
    const config = path.join(dataDir, 'creneau.config.json');
    writeFileSync(config, JSON.stringify({ booking: { allowed_hosts: ['chu-rennes.example'] } }));
    server = await startServer({
      dataDir,
      env: { ...OPERATOR_PUBLIC_URL, CRENEAU_CONFIG: config, CRENEAU_STATS_ENABLED: 'off' },
    });
  }, 300_000);
  afterAll(() => server?.stop());

  it('answers 302 with an encoded Location for a non-ASCII booking URL, and keeps serving', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await get('/go/non-ascii');
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(
        'https://www.doctolib.fr/%E2%82%ACuro?x=%E2%82%AC&source=creneau#%C3%A9',
      );
    }
    expect((await get('/healthz')).status).toBe(200);
  });

  it('shows a look-alike host the one-line interstitial, in French first and in English with ?lang=en', async () => {
    const fr = await get('/go/look-alike');
    expect(fr.status).toBe(200);
    expect(fr.headers.get('location')).toBeNull();
    const page = await fr.text();
    // The one line is the page's heading (a page needs one: axe's page-has-heading-one).
    expect(page).toMatch(/<h1[^>]*data-interstitial[^>]*>Vous quittez Créneau pour/);
    expect(page).toMatch(
      /Vous quittez Créneau pour <a href="https:\/\/doctolib\.fr\.evil\.example\/c\/rennes\?source=creneau"[^>]*>doctolib\.fr\.evil\.example<\/a>/,
    );
    const en = await (await get('/go/look-alike?lang=en')).text();
    expect(en).toContain('You are leaving Créneau for');
  });

  it('redirects to a host the operator allow-listed in creneau.config.json, https only', async () => {
    const allowed = await get('/go/hospital');
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get('location')).toBe('https://rdv.chu-rennes.example/vaccin?source=creneau');
    expect((await get('/go/hospital-http')).status).toBe(200);
  });

  it('upgrades a platform link written with http:// on the server too', async () => {
    const response = await get('/go/plain-http');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^https:\/\/partners\.doctolib\.fr\//);
  });
});
