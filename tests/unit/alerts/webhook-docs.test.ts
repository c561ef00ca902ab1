import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/alerts/webhook-signature.ts';

interface Headers {
  delivery: string;
  timestamp: string;
  signature: string;
}
type Verify = (secret: string, headers: Headers, body: string | Buffer, now?: Date) => boolean;
type Accept = (secret: string, headers: Headers, body: string | Buffer, now?: Date) => string;

/** The JavaScript sample partners copy from docs/API.md, loaded as they would run it. */
async function documentedSample(): Promise<{ verifyWebhookSignature: Verify; acceptDelivery: Accept }> {
  const api = await readFile(new URL('../../../docs/API.md', import.meta.url), 'utf8');
  const sample = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(api)?.[1];
  if (!sample) throw new Error('docs/API.md has no verification sample');
  const dir = await mkdtemp(path.join(tmpdir(), 'creneau-docs-'));
  try {
    const file = path.join(dir, 'verify.mjs');
    await writeFile(file, sample);
    return (await import(pathToFileURL(file).href)) as {
      verifyWebhookSignature: Verify;
      acceptDelivery: Accept;
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the verification sample in docs/API.md', () => {
  it('accepts what Créneau signs and refuses a tampered body, an old timestamp or a replay', async () => {
    const { verifyWebhookSignature: verify, acceptDelivery } = await documentedSample();
    const secret = 'partner-secret-0123456789';
    const body = '{"type":"slots.appeared","events":[]}';
    const now = new Date('2021-04-20T08:00:00Z');
    const timestamp = now.getTime() / 1000;
    const delivery = '0b6f3c1e-6a57-4c2e-9c55-2f1e4c1f7a10';
    const headers = (at: number) => ({
      delivery,
      timestamp: String(at),
      signature: signWebhook(secret, delivery, at, body),
    });
    expect(verify(secret, headers(timestamp), Buffer.from(body), now)).toBe(true);
    expect(verify(secret, headers(timestamp), body.replace('[]', '[1]'), now)).toBe(false);
    expect(verify(secret, headers(timestamp - 61), body, now)).toBe(false);
    expect(verify(secret, { ...headers(timestamp), delivery: 'another-id' }, body, now)).toBe(false);
    expect(acceptDelivery(secret, headers(timestamp), body, now)).toBe('ok');
    expect(acceptDelivery(secret, headers(timestamp), body, now)).toBe('replayed');
  });
});
