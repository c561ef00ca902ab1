import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Proposal, proposalId } from '../../src/discovery/proposal.ts';
import { hashPassword } from '../../src/operators/access/password.ts';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { ImportReport } from '../../src/registry/import/import-report.ts';
import { axeViolations } from '../support/axe.ts';
import { isolate, launchChromium } from '../support/browser.ts';
import { runCreneau } from '../support/cli.ts';
import { OPERATOR_PUBLIC_URL } from '../support/public-url.ts';
import { type RunningServer, repoRoot, startServer, tempDataDir } from '../support/server.ts';

// Issue 14, points 3 and 4: the operator console against a running server. A resident reports a wrong
// phone, the operator signs in, sees it in the queue (hostile text shown as text), fixes the phone,
// the public page shows the fix and the audit log the change; a discovered centre accepted is on the
// map and in the feeds, and a re-import of the official file keeps it and every other override.

const PASSWORD = 'un mot de passe assez long';
const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"><b>gras</b>\u0007${'x'.repeat(300)}`;

function configIn(dir: string): Promise<string> {
  return hashPassword(PASSWORD).then((hash) => {
    const file = path.join(dir, 'creneau.config.json');
    writeFileSync(file, JSON.stringify({ operators: [{ name: 'alice', password_hash: hash }] }));
    return file;
  });
}

describe('operator console in Chromium (demo registry)', () => {
  let server: RunningServer;
  let browser: Browser;
  const demo = generateDemoRegistry(getGazetteer()).centres;
  const centre = demo.find(
    (candidate) =>
      candidate.phones.length > 0 &&
      !candidate.closed &&
      !candidate.duplicate_of &&
      !candidate.health_professionals_only &&
      candidate.closes_on === null &&
      candidate.location !== null,
  );

  beforeAll(async () => {
    const dir = tempDataDir();
    // A link proposal for another demo centre, its platform position 300 m north: the drawn map.
    const other = demo.find((candidate) => candidate.location && candidate.id !== centre?.id);
    if (other?.location) {
      const at = new Date().toISOString();
      const link: Proposal = {
        id: proposalId('link', 'keldoc', '4242', other.id),
        kind: 'link',
        platform: 'keldoc',
        centreId: other.id,
        centreGid: other.source.id,
        discovered: {
          platform: 'keldoc',
          platform_id: '4242',
          name: other.name,
          address: other.address,
          commune: other.commune,
          departement: other.departement,
          location: { ...other.location, lat: other.location.lat + 0.0027 },
          booking_url: 'https://vaccination-covid.keldoc.com/centre/4242?cabinet=4242',
          phones: [],
        },
        evidence: {
          rule: 'name_distance',
          distance_m: 300,
          name_similarity: 1,
          same_address: true,
          notes: [],
        },
        status: 'pending',
        first_seen_at: at,
        last_seen_at: at,
        decided_at: null,
        decided_by: null,
      };
      writeFileSync(
        path.join(dir, 'proposals.json'),
        JSON.stringify({ format: 'creneau-proposals', version: 1, proposals: [link] }),
      );
    }
    server = await startServer({
      dataDir: dir,
      env: { CRENEAU_POLLER: 'off', CRENEAU_CONFIG: await configIn(dir) },
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('report → queue → phone fixed → public page and audit log show it; zero axe violations', async () => {
    expect(centre).toBeDefined();
    if (!centre) return;
    // Without the CSP, so that axe can run and a script that escaped its text would run too.
    const context = await browser.newContext({ bypassCSP: true });
    await isolate(context, server.url, /\.example$/);
    const page = await context.newPage();
    // The resident.
    await page.goto(`${server.url}/signaler/${centre.id}`);
    await page.locator('#reason-wrong_phone').check();
    await page.locator('#report-message').fill(HOSTILE);
    await page.locator('[data-testid="report-form"] button[type="submit"]').click();
    await page.locator('[data-testid="report-thanks"]').waitFor();

    // The operator signs in and finds it in the queue, the hostile text as text.
    await page.goto(`${server.url}/operateur`);
    expect(new URL(page.url()).pathname).toBe('/operateur/connexion');
    await page.locator('#operator-name').fill('alice');
    await page.locator('#operator-password').fill(PASSWORD);
    await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click();
    await page.waitForURL(/\/operateur$/);
    const report = page.locator('[data-testid="report"]', { hasText: centre.name });
    await expect.poll(() => report.count()).toBe(1);
    const message = report.locator('[data-testid="report-message"]').first();
    expect(await message.textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await report.locator('script, img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // The link proposal: registry and platform side by side, the distance on a small drawn map.
    const proposal = page.locator('[data-testid="queue-links"] [data-testid="proposal"]');
    await expect.poll(() => proposal.count()).toBe(1);
    expect(await proposal.locator('figure.evidence-map svg circle').count()).toBe(2);
    expect(await proposal.textContent()).toMatch(/Distance : 3\d\d m/);
    expect(await axeViolations(page)).toEqual([]);

    // The fix.
    await report.locator('[data-testid="report-centre"]').click();
    await page.waitForURL(/\/operateur\/centres\//);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#f-phone').fill('02 99 12 34 56');
    await page.locator('[data-testid="edit-phone"] button').click();
    await page.waitForURL(/fait=ok/);
    expect(await page.locator('[data-testid="current-facts"]').textContent()).toContain('+33299123456');

    // The public page shows it at once (the memoised answer rebuilt on the new listing key).
    const publicPage = await fetch(`${server.url}/centres/${centre.id}`);
    expect(publicPage.status).toBe(200);
    const html = await publicPage.text();
    expect(html).toContain('02 99 12 34 56');
    expect(html).toContain('tel:+33299123456');

    // The audit log: who, what, before and after; the downloads say the same.
    await page.goto(`${server.url}/operateur/journal`);
    const entry = page.locator('[data-testid="audit-entry"]', { hasText: 'edit_phone' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('alice');
    expect(await entry.textContent()).toContain('02 99 12 34 56');
    expect(await axeViolations(page)).toEqual([]);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csv = await fetch(`${server.url}/operateur/journal.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('cache-control')).toMatch(/no-store/);
    expect(await csv.text()).toContain('edit_phone');

    // A change without the CSRF token is refused and changes nothing.
    const forged = await fetch(`${server.url}/operateur/action`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        action: 'edit_phone',
        key: centre.source.id ?? centre.id,
        value: '01 00 00 00 00',
      }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await (await fetch(`${server.url}/centres/${centre.id}`)).text()).toContain('02 99 12 34 56');
    await context.close();
  }, 180_000);
});

describe('overrides survive a re-import (official file, HTTP)', () => {
  const FIXTURE = path.join(repoRoot, 'tests/fixtures/csv/lifecycle-reserved-duplicates.csv');
  const ORIGIN = OPERATOR_PUBLIC_URL.CRENEAU_PUBLIC_URL ?? '';
  const now = new Date().toISOString();
  const proposal: Proposal = {
    id: proposalId('new_centre', 'keldoc', '9077', undefined),
    kind: 'new_centre',
    platform: 'keldoc',
    discovered: {
      platform: 'keldoc',
      platform_id: '9077',
      name: 'Centre de vaccination Rennes Nord (Keldoc)',
      address: { lines: ['12 rue de Saint-Malo'], postcode: '35000' },
      commune: { insee: '35238', name: 'Rennes' },
      departement: '35',
      location: { lat: 48.125, lon: -1.68, precision: 'address' },
      booking_url:
        'https://vaccination-covid.keldoc.com/centre-de-vaccination/rennes-35000/rennes-nord?cabinet=9077',
      phones: [],
    },
    evidence: { rule: 'none', distance_m: null, name_similarity: null, same_address: null, notes: [] },
    status: 'pending',
    first_seen_at: now,
    last_seen_at: now,
    decided_at: null,
    decided_by: null,
  };
  let dir: string;
  let server: RunningServer;
  let cookie = '';
  let csrf = '';

  const start = async () => {
    server = await startServer({
      dataDir: dir,
      env: {
        CRENEAU_POLLER: 'off',
        CRENEAU_CONFIG: path.join(dir, 'creneau.config.json'),
        ...OPERATOR_PUBLIC_URL,
      },
    });
  };
  const post = (pathname: string, form: Record<string, string>) =>
    fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      // Links (and so the origin a browser would send) come from CRENEAU_PUBLIC_URL.
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const act = async (form: Record<string, string>) => {
    const answer = await post('/operateur/action', { csrf_token: csrf, retour: '/operateur', ...form });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toContain('fait=ok');
  };

  beforeAll(async () => {
    dir = tempDataDir();
    await configIn(dir);
    const imported = await runCreneau(['import', FIXTURE], dir);
    expect(imported.code, imported.stderr).toBe(0);
    writeFileSync(
      path.join(dir, 'proposals.json'),
      JSON.stringify({ format: 'creneau-proposals', version: 1, proposals: [proposal] }),
    );
    await start();
    const signIn = await post('/operateur/connexion', {
      name: 'alice',
      password: PASSWORD,
      retour: '/operateur',
    });
    expect(signIn.status).toBe(303);
    cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const home = await (await fetch(`${server.url}/operateur`, { headers: { cookie } })).text();
    csrf = /name="csrf_token" value="([^"]+)"/.exec(home)?.[1] ?? '';
    expect(csrf).not.toBe('');
    expect(home).toContain(proposal.discovered.name);
  }, 300_000);
  afterAll(async () => server?.stop());

  it('accepting a discovered centre puts it on the map and in the feeds; a re-import keeps every override', async () => {
    const newId = 'keldoc-9077';
    const seen = async () => {
      const markers = await (await fetch(`${server.url}/api/v1/markers?commune=35238`)).text();
      const feed = await (await fetch(`${server.url}/api/v1/vmd/35.json`)).text();
      const page = await fetch(`${server.url}/centres/${newId}`);
      return {
        markers,
        feed,
        page: page.status,
        phone: await (await fetch(`${server.url}/api/v1/centres/sante-5003`)).text(),
      };
    };
    const initial = await seen();
    expect(initial.page).toBe(404);
    expect(initial.markers).not.toContain(newId);
    expect(initial.markers).toContain('"sante-5001"');
    await act({ action: 'accept', proposal: proposal.id });
    await act({ action: 'edit_phone', key: '5003', value: '02 99 12 34 56' });
    await act({ action: 'close', key: '5001' });

    const before = await seen();
    expect(before.markers).not.toContain('"sante-5001"');
    expect(before.page).toBe(200);
    expect(before.markers).toContain(newId);
    expect(before.feed).toContain(proposal.discovered.name);
    expect(before.phone).toContain('+33299123456');

    // The official file again: the report says which overrides apply and which lost their row.
    await server.stop();
    const again = await runCreneau(['import', FIXTURE, '--json'], dir);
    expect(again.code, again.stderr).toBe(0);
    const report = ImportReport.parse(
      JSON.parse(await readFile(path.join(dir, 'import-report.json'), 'utf8')),
    );
    expect(report.overrides?.applied.sort()).toEqual(['5001', '5003', 'platform:keldoc:9077']);
    expect(report.overrides?.orphaned).toEqual([]);
    expect(again.stdout).toContain('"overrides"');
    await start();
    const after = await seen();
    expect(after.page).toBe(200);
    expect(after.markers).toContain(newId);
    expect(after.feed).toContain(proposal.discovered.name);
    expect(after.phone).toContain('+33299123456');
    // Closed by the operator: still out of the lists, whatever the file says.
    expect(after.markers).not.toContain('"sante-5001"');
  }, 300_000);
});
