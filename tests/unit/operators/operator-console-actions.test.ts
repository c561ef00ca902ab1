import { describe, expect, it } from 'vitest';
import { openProposalStore } from '../../../src/discovery/proposal-store.ts';
import { hashPassword } from '../../../src/operators/access/password.ts';
import { createOperatorAccess, signIn } from '../../../src/operators/access/session.ts';
import { createAuditLog } from '../../../src/operators/audit/audit-log.ts';
import { handleAction } from '../../../src/operators/console/handle-action.ts';
import { getOverrides, putOverrides } from '../../../src/operators/console/overrides-api.ts';
import { openOperatorData } from '../../../src/operators/overrides/live-centres.ts';
import { getGazetteer } from '../../../src/places/gazetteer.ts';
import { generateDemoRegistry } from '../../../src/registry/demo.ts';
import { createReportStore } from '../../../src/reports/report-store.ts';
import { tempDir } from '../../support/temp-dir.ts';

// Issue 14, point 3: each console action through its one handler, with a real session and its token.

const SITE = 'http://localhost:4321';
const PASSWORD = 'un mot de passe assez long';

async function setUp() {
  const dir = tempDir();
  const centres = generateDemoRegistry(getGazetteer()).centres;
  const data = await openOperatorData(centres, { dataDir: dir });
  const operators = createOperatorAccess({
    accounts: [{ name: 'alice', password_hash: await hashPassword(PASSWORD) }],
  });
  const signed = await signIn(
    new Request(`${SITE}/operateur/connexion`, { method: 'POST' }),
    { operators },
    { name: 'alice', password: PASSWORD },
    '192.0.2.1',
  );
  if (!signed.ok) throw new Error('sign-in failed');
  const cookie = signed.setCookie.split(';')[0] ?? '';
  const audit = createAuditLog({ dataDir: dir });
  const deps = {
    operators,
    overrides: data.overrides,
    audit,
    centres: data.centres,
    liveCentres: data.centres,
    proposals: openProposalStore(dir),
    reports: createReportStore({ dataDir: dir }),
  };
  const post = (
    form: Record<string, string>,
    token: string | null = signed.session.csrfToken,
    withCookie = true,
  ) =>
    handleAction(
      new Request(`${SITE}/operateur/action`, {
        method: 'POST',
        headers: {
          origin: SITE,
          'content-type': 'application/x-www-form-urlencoded',
          ...(withCookie ? { cookie } : {}),
        },
        body: new URLSearchParams({
          ...(token ? { csrf_token: token } : {}),
          retour: '/operateur/centres/x',
          ...form,
        }),
      }),
      deps,
    );
  const centre = centres.find((candidate) => candidate.phones.length > 0 && !candidate.duplicate_of);
  if (!centre) throw new Error('no demo centre with a phone');
  return {
    deps,
    post,
    centre,
    key: centre.source.id ?? centre.id,
    cookie,
    csrf: signed.session.csrfToken,
    data,
  };
}

describe('console actions', () => {
  it('refuses without a session (to the sign-in) and without the CSRF token (403), changing nothing', async () => {
    const { post, key, deps } = await setUp();
    const anonymous = await post({ action: 'hide', key }, null, false);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/operateur\/connexion/);
    const forged = await post({ action: 'hide', key }, null);
    expect(forged.status).toBe(403);
    const wrong = await post({ action: 'hide', key }, 'x'.repeat(43));
    expect(wrong.status).toBe(403);
    expect(await deps.overrides.list()).toEqual([]);
    expect(await deps.audit.list()).toEqual([]);
  });

  it('edits, closes, hides: each one override, one audit entry with before and after, applied at once', async () => {
    const { post, key, centre, deps } = await setUp();
    const done = await post({ action: 'edit_phone', key, value: '02 99 12 34 56' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/operateur/centres/x?fait=ok');
    expect(done.headers.get('cache-control')).toMatch(/no-store/);
    expect(deps.liveCentres.byId(centre.id)?.phones[0]).toBe('+33299123456');
    await post({ action: 'close', key });
    expect(deps.liveCentres.byId(centre.id)?.closed).toBe(true);
    expect(deps.liveCentres.all().some((listed) => listed.id === centre.id)).toBe(false);
    await post({ action: 'reopen', key });
    expect(deps.liveCentres.all().some((listed) => listed.id === centre.id)).toBe(true);
    await post({ action: 'hide', key });
    expect(deps.liveCentres.byId(centre.id)).toBeUndefined();
    const log = await deps.audit.list();
    expect(log.map((entry) => entry.action)).toEqual(['hide', 'reopen', 'close', 'edit_phone']);
    const phone = log[3];
    expect(phone).toMatchObject({ by: 'alice', target: key, before: null });
    expect(phone?.after).toMatchObject({ key, fields: { phone: '02 99 12 34 56' } });
    expect(log[2]?.before).toEqual(phone?.after);
    expect(await deps.overrides.get(key)).toMatchObject({
      hidden: true,
      closed: false,
      fields: { phone: '02 99 12 34 56' },
    });
  });

  it('refuses what is not valid, saying why, and changes nothing', async () => {
    const { post, key, deps } = await setUp();
    const refusals: Array<[Record<string, string>, string]> = [
      [{ action: 'edit_phone', key, value: 'pas un numéro' }, 'phone'],
      [{ action: 'edit_booking_url', key, value: 'javascript:alert(1)' }, 'invalid'],
      [{ action: 'edit_notes', key, value: 'a\u0000b' }, 'invalid'],
      [{ action: 'edit_position', key, lat: '95', lon: '2' }, 'invalid'],
      [{ action: 'merge', key, into: key }, 'merge'],
      [{ action: 'drop_table', key }, 'invalid'],
      [{ action: 'accept', proposal: 'p-0000000000000000' }, 'unknown'],
      [{ action: 'resolve', report: 'nope' }, 'unknown'],
    ];
    for (const [form, outcome] of refusals) {
      const answer = await post(form);
      expect(answer.headers.get('location'), JSON.stringify(form)).toBe(
        `/operateur/centres/x?fait=${outcome}`,
      );
    }
    expect(await deps.overrides.list()).toEqual([]);
    expect(await deps.audit.list()).toEqual([]);
  });

  it('sends back only to the console, whatever retour says', async () => {
    const { post, key } = await setUp();
    const answer = await post({ action: 'close', key, retour: 'https://evil.example/' });
    expect(answer.headers.get('location')).toBe('/operateur?fait=ok');
  });

  it('the overrides API: 401 without a session, 403 without the token, export and import with it', async () => {
    const { deps, cookie, csrf, key, post, data } = await setUp();
    await post({ action: 'close', key });
    const ask = (method: string, headers: Record<string, string>, body?: string) =>
      new Request(`${SITE}/api/operateur/overrides`, {
        method,
        headers: { origin: SITE, ...headers },
        ...(body ? { body } : {}),
      });
    expect((await getOverrides(ask('GET', {}), deps)).status).toBe(401);
    const exported = await getOverrides(ask('GET', { cookie }), deps);
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(JSON.parse(text).overrides).toHaveLength(1);
    expect((await putOverrides(ask('POST', { cookie }, text), deps)).status).toBe(403);
    const bad = await putOverrides(ask('POST', { cookie, 'x-csrf-token': csrf }, '{"format":"x"}'), deps);
    expect(bad.status).toBe(400);
    const empty = JSON.stringify({ ...JSON.parse(text), overrides: [] });
    const imported = await putOverrides(ask('POST', { cookie, 'x-csrf-token': csrf }, empty), deps);
    expect(imported.status).toBe(200);
    expect(await deps.overrides.list()).toEqual([]);
    expect(data.centres.lastApplied().applied).toEqual([]);
    expect((await deps.audit.list())[0]?.action).toBe('import');
  });
});
