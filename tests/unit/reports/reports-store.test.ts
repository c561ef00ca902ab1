import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryDriver } from '../../../src/cache/drivers/memory.ts';
import { submitReport } from '../../../src/reports/report-form.ts';
import { cleanMessage, createReportStore, MAX_MESSAGE_LENGTH } from '../../../src/reports/report-store.ts';
import { createRateLimiter } from '../../../src/shared/rate-limit.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { tempDir } from '../../support/temp-dir.ts';

// Issue 14, point 2: reports for the same centre and reason fold together with a count; they
// survive a restart (reports.json, written atomically); hostile text is stored as text, bounded.

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('report store', () => {
  it('folds reports of one centre and reason, keeps distinct messages, and resolves', async () => {
    const clock = new FakeClock('2021-05-01T10:00:00Z');
    const store = createReportStore({ now: () => new Date(clock.now()) });
    const first = await store.submit({
      centreId: 'c1',
      reason: 'wrong_phone',
      message: 'Le bon : 02 99 00 00 00',
    });
    await clock.advance(60_000);
    const second = await store.submit({
      centreId: 'c1',
      reason: 'wrong_phone',
      message: 'Le bon : 02 99 00 00 00',
    });
    await store.submit({ centreId: 'c1', reason: 'wrong_phone', message: 'autre texte' });
    await store.submit({ centreId: 'c1', reason: 'closed' });
    await store.submit({ centreId: 'c2', reason: 'wrong_phone' });
    expect(second.id).toBe(first.id);
    const open = await store.listReports();
    expect(open).toHaveLength(3);
    const phone = open.find((report) => report.id === first.id);
    expect(phone).toMatchObject({ centreId: 'c1', reason: 'wrong_phone', count: 3, status: 'open' });
    expect(phone?.messages).toEqual(['Le bon : 02 99 00 00 00', 'autre texte']);
    expect(phone?.firstAt).toBe('2021-05-01T10:00:00.000Z');
    expect(phone?.lastAt).toBe('2021-05-01T10:01:00.000Z');

    const resolved = await store.resolveReport(first.id, 'alice');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'alice', count: 3 });
    expect(await store.resolveReport(first.id, 'alice')).toBeNull();
    expect((await store.listReports()).map((report) => report.id)).not.toContain(first.id);
    expect((await store.listReports({ status: 'resolved' })).map((report) => report.id)).toEqual([first.id]);
    expect(await store.getReport(first.id)).toMatchObject({ status: 'resolved' });
    // Reported again after the fix: a new report, counted from one.
    const again = await store.submit({ centreId: 'c1', reason: 'wrong_phone' });
    expect(again.id).not.toBe(first.id);
    expect(again.count).toBe(1);
  });

  it('keeps reports across a restart in reports.json, and sets an unreadable file aside', async () => {
    const dir = tempDir();
    const store = createReportStore({ dataDir: dir });
    const report = await store.submit({ centreId: 'c9', reason: 'broken_link', message: 'lien mort' });
    const reopened = createReportStore({ dataDir: dir });
    expect(await reopened.listReports()).toEqual([report]);
    // No temporary left behind by the atomic writes.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    writeFileSync(path.join(dir, 'reports.json'), '{"version":1,"entries":[{"key":', 'utf8');
    const afterCorruption = createReportStore({ dataDir: dir });
    expect(await afterCorruption.listReports()).toEqual([]);
    const aside = readdirSync(dir).find((name) => name.startsWith('reports.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dir, aside as string), 'utf8')).toContain('"entries"');
  });

  it('uses the cache when it is shared (Redis), so every instance sees the same reports', async () => {
    const shared = { ...memoryDriver({}), shared: true };
    const a = createReportStore({ cache: shared });
    const b = createReportStore({ cache: shared });
    await a.submit({ centreId: 'c1', reason: 'closed' });
    await b.submit({ centreId: 'c1', reason: 'closed' });
    expect(await a.listReports()).toMatchObject([{ centreId: 'c1', reason: 'closed', count: 2 }]);
  });

  it('drops control and bidirectional characters, keeps line breaks, and the text as typed otherwise', () => {
    expect(cleanMessage('a\u0000b\u0007c\r\nd\u202Ee\u0085 <script>alert(1)</script> ')).toBe(
      'a b c\nd e  <script>alert(1)</script>',
    );
  });
});

describe('report form', () => {
  const setup = (limit = 100) => {
    const store = createReportStore({});
    const limiter = createRateLimiter({ limit, windowS: 600 });
    const send = (fields: Record<string, string>, address = '203.0.113.5') =>
      submitReport({ form: form(fields), centreId: 'c1', clientAddress: address, store, limiter });
    return { store, send };
  };

  it('stores a valid report and refuses what is not one, keeping what was typed', async () => {
    const { store, send } = setup();
    expect(await send({ reason: 'wrong_phone', message: '02 99 00 00 00' })).toEqual({ kind: 'sent' });
    expect(await send({ reason: 'nonsense' })).toMatchObject({
      kind: 'error',
      status: 400,
      error: { kind: 'reason' },
    });
    expect(await send({ reason: 'other', message: '  ' })).toMatchObject({ error: { kind: 'other' } });
    const long = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    const tooLong = await send({ reason: 'other', message: long });
    expect(tooLong).toMatchObject({ kind: 'error', status: 400, error: { kind: 'too_long', length: 501 } });
    expect(tooLong.kind === 'error' && tooLong.values.message).toBe(long);
    expect(await send({ reason: 'other', message: 'x'.repeat(MAX_MESSAGE_LENGTH) })).toEqual({
      kind: 'sent',
    });
    expect(await store.listReports()).toHaveLength(2);
  });

  it('answers a robot that fills the honeypot as if sent, and stores nothing', async () => {
    const { store, send } = setup();
    expect(await send({ reason: 'closed', site_web: 'http://spam.example' })).toEqual({ kind: 'sent' });
    expect(await store.listReports()).toEqual([]);
  });

  it('limits reports per address', async () => {
    const { store, send } = setup(3);
    for (let i = 0; i < 3; i += 1) expect(await send({ reason: 'closed' })).toEqual({ kind: 'sent' });
    const refused = await send({ reason: 'closed', message: 'encore' });
    expect(refused).toMatchObject({ kind: 'error', status: 429, error: { kind: 'limited' } });
    expect(refused.kind === 'error' && refused.values.message).toBe('encore');
    expect(await send({ reason: 'closed' }, '198.51.100.7')).toEqual({ kind: 'sent' });
    expect((await store.listReports())[0]?.count).toBe(4);
  });
});
