import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/operators/access/password.ts';
import { REPORT_LIMIT } from '../../src/reports/report-store.ts';
import { type RunningRedis, startRedis } from '../support/redis-server.ts';
import { type RunningServer, startServer, tempDataDir } from '../support/server.ts';

// Issue 14, point 2: the report form's per-address limit holds across two instances sharing a real
// redis-server; duplicates fold into one report with a count; a honeypot catches robots; bodies are
// capped; hostile text (script, HTML, very long, control characters) stays text, in the form shown
// again and in the operators' console.

const PASSWORD = 'un mot de passe assez long';
let redis: RunningRedis;
let a: RunningServer;
let b: RunningServer;
let centreId: string;

async function post(
  server: RunningServer,
  pathname: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The open reports as stored in Redis (the cache driver's values, `creneau:v:reports:open:*`). */
async function storedReports(): Promise<
  Array<{ centreId: string; reason: string; count: number; messages: string[] }>
> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: 'creneau:v:reports:open:*' })) keys.push(...batch);
    const values = await Promise.all(keys.map((key) => client.get(key)));
    return values.map((value) => JSON.parse(value ?? 'null'));
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  redis = await startRedis();
  const dir = tempDataDir();
  const config = path.join(dir, 'creneau.config.json');
  writeFileSync(
    config,
    JSON.stringify({ operators: [{ name: 'alice', password_hash: await hashPassword(PASSWORD) }] }),
  );
  const env = {
    CRENEAU_CONFIG: config,
    CRENEAU_CACHE: 'redis',
    CRENEAU_REDIS_URL: redis.url,
    CRENEAU_POLLER: 'off',
  };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
  const search = await (await fetch(`${a.url}/recherche?commune=35238`)).text();
  centreId = /data-centre-id="([^"]+)"/.exec(search)?.[1] ?? '';
  expect(centreId).not.toBe('');
}, 300_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('reports from the public, two instances on one Redis', () => {
  it('holds the per-address limit across both instances and folds the reports into one', async () => {
    const from = { 'x-forwarded-for': '203.0.113.50' };
    const form = `/signaler/${encodeURIComponent(centreId)}`;
    for (let i = 0; i < REPORT_LIMIT.limit; i += 1) {
      const answer = await post(
        i % 2 === 0 ? a : b,
        form,
        { reason: 'wrong_phone', message: 'Le numéro sonne dans le vide' },
        from,
      );
      expect(answer.status, `report ${i + 1}`).toBe(303);
      expect(answer.headers.get('location')).toBe(`${form}?envoye=1`);
    }
    for (const server of [a, b]) {
      const refused = await post(server, form, { reason: 'wrong_phone', message: 'encore' }, from);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Nothing typed is lost: the form comes back with it.
      expect(refused.body).toContain('>encore</textarea>');
    }
    // Another address is not limited by this one.
    expect(
      (await post(b, form, { reason: 'wrong_phone' }, { 'x-forwarded-for': '203.0.113.51' })).status,
    ).toBe(303);
    const stored = (await storedReports()).filter(
      (report) => report.centreId === centreId && report.reason === 'wrong_phone',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.count).toBe(REPORT_LIMIT.limit + 1);
    expect(stored[0]?.messages).toEqual(['Le numéro sonne dans le vide']);
  });

  it('drops what a robot filling the honeypot sends, answering as if it were sent', async () => {
    const answer = await post(
      a,
      `/signaler/${encodeURIComponent(centreId)}`,
      { reason: 'closed', site_web: 'https://spam.example' },
      { 'x-forwarded-for': '203.0.113.60' },
    );
    expect(answer.status).toBe(303);
    expect((await storedReports()).some((report) => report.reason === 'closed')).toBe(false);
  });

  it('refuses bodies over the cap and unknown centres', async () => {
    const huge = await post(a, `/signaler/${encodeURIComponent(centreId)}`, {
      reason: 'other',
      message: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    expect((await post(a, '/signaler/no-such-centre', { reason: 'closed' })).status).toBe(404);
  });

  it('shows hostile text as text: in the form shown again and in the console', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> \u0000\u001b[31m\u202Etxt.exe';
    const form = `/signaler/${encodeURIComponent(centreId)}`;
    const from = { 'x-forwarded-for': '203.0.113.70' };
    const tooLong = await post(b, form, { reason: 'other', message: `${hostile}${'y'.repeat(600)}` }, from);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(tooLong.body).not.toContain('<script>alert');
    expect(tooLong.body).not.toContain('<img src=x');
    expect((await post(b, form, { reason: 'other', message: hostile }, from)).status).toBe(303);
    const stored = (await storedReports()).find((report) => report.reason === 'other');
    expect(stored?.messages[0]).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>   [31m txt.exe');

    // Signed in on one instance, the session is known to the other (Redis); the queue shows the text escaped.
    const signIn = await post(a, '/operateur/connexion', {
      name: 'alice',
      password: PASSWORD,
      retour: '/operateur',
    });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const queue = await fetch(`${b.url}/operateur`, { headers: { cookie } });
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters a hostile report sent must be gone
    expect(html).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);

    // Resolved, the report is in the audit log, and so in its exports: data for a spreadsheet or a
    // program, never a page a browser would run (text/csv and JSON lines, nosniff, as attachments).
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const ids = [...html.matchAll(/name="report" value="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(ids.length).toBeGreaterThan(0);
    for (const report of ids) {
      const resolved = await post(
        b,
        '/operateur/action',
        { action: 'resolve', report, csrf_token: csrf, retour: '/operateur' },
        { cookie },
      );
      expect(resolved.status).toBe(303);
    }
    const csv = await fetch(`${a.url}/operateur/journal.csv`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment/);
    const table = await csv.text();
    expect(table).toContain('<script>alert(1)</script>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: none of the control characters reaches the file either
    expect(table).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);
    const jsonl = await fetch(`${a.url}/operateur/journal.jsonl`, { headers: { cookie } });
    expect(jsonl.headers.get('content-type')).not.toMatch(/html/);
    expect(jsonl.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(JSON.stringify(lines)).toContain('<script>alert(1)</script>');
  });
});
