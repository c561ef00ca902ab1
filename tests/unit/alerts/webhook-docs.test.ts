import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/alerts/webhook-signature.ts';

type Verify = (
  secret: string,
  timestamp: unknown,
  body: string | Buffer,
  header: string,
  now?: Date,
) => boolean;

/** The JavaScript sample partners copy from docs/API.md, loaded as they would run it. */
async function documentedVerifier(): Promise<Verify> {
  const api = await readFile(new URL('../../../docs/API.md', import.meta.url), 'utf8');
  const sample = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(api)?.[1];
  if (!sample) throw new Error('docs/API.md has no verification sample');
  const dir = await mkdtemp(path.join(tmpdir(), 'creneau-docs-'));
  try {
    const file = path.join(dir, 'verify.mjs');
    await writeFile(file, sample);
    const module = (await import(pathToFileURL(file).href)) as { verifyWebhookSignature: Verify };
    return module.verifyWebhookSignature;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the verification sample in docs/API.md', () => {
  it('accepts what Créneau signs and refuses a tampered body or an old timestamp', async () => {
    const verify = await documentedVerifier();
    const secret = 'partner-secret-0123456789';
    const body = '{"type":"slots.appeared","events":[]}';
    const now = new Date('2021-04-20T08:00:00Z');
    const timestamp = now.getTime() / 1000;
    const signature = signWebhook(secret, timestamp, body);
    expect(verify(secret, String(timestamp), Buffer.from(body), signature, now)).toBe(true);
    expect(verify(secret, String(timestamp), body.replace('[]', '[1]'), signature, now)).toBe(false);
    const old = timestamp - 600;
    expect(verify(secret, String(old), body, signWebhook(secret, old, body), now)).toBe(false);
  });
});
