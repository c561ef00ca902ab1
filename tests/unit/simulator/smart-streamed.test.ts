import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SmartLocation,
  SmartManifest,
  SmartSchedule,
  SmartSlot,
} from '../../../src/adapters/smart/schemas.ts';
import { type Simulator, startSimulator } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';
import { centreById, firstArrival, SEED } from './moments.ts';

let sim: Simulator;
const AT = firstArrival(centreById('demo-8')).at + 80_000;

beforeAll(async () => {
  sim = await startSimulator({
    centres: CENTRES,
    seed: SEED,
    clock: () => new Date(AT),
    options: { smart: { publishEverySeconds: 60 } },
  });
});
afterAll(() => sim.close());

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('the SMART files written as they are generated', () => {
  // Recorded from the feed that built every file of a publication as objects and kept them (before
  // issue 9, commit dec8ee1), for the fixture centres at this seed and instant: same bytes, streamed.
  it('are byte for byte the files the feed held whole, and fit the adapter’s schemas', async () => {
    const origin = sim.urls.smart;
    const manifest = await (await fetch(`${origin}/$bulk-publish`)).text();
    const portable = manifest.replaceAll(origin, 'ORIGIN');
    const seen: Record<string, { bytes: number; sha256: string }> = {
      manifest: { bytes: portable.length, sha256: digest(portable) },
    };
    const { output } = SmartManifest.parse(JSON.parse(manifest));
    const schemas = { Location: SmartLocation, Schedule: SmartSchedule, Slot: SmartSlot } as const;
    for (const { type, url } of output) {
      const response = await fetch(url);
      expect(response.headers.get('content-type')).toBe('application/fhir+ndjson');
      const text = await response.text();
      seen[url.slice(origin.length + 1)] = { bytes: Buffer.byteLength(text), sha256: digest(text) };
      const schema = schemas[type as keyof typeof schemas];
      for (const line of text.split('\n').filter((l) => l.length > 0))
        expect(schema.safeParse(JSON.parse(line)).error).toBeUndefined();
    }
    expect(seen).toEqual(GOLDEN);
  });

  it('answer a conditional request from the ETag alone, with a 304 and no body', async () => {
    const url = `${sim.urls.smart}/slots-2021-W17.ndjson`;
    const first = await fetch(url);
    await first.text();
    const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('cut one line short when a malformed answer is asked for, as before', async () => {
    await sim.faults.set('smart', { malformedRate: 1 });
    try {
      const text = await (await fetch(`${sim.urls.smart}/schedules.ndjson`)).text();
      const lines = text.split('\n').filter((l) => l.length > 0);
      expect(lines.filter((l) => !isJson(l))).toHaveLength(1);
    } finally {
      await sim.faults.clear('smart');
    }
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const GOLDEN = {
  manifest: { bytes: 417, sha256: '937ec4a8a7a597e0' },
  'locations.ndjson': { bytes: 901, sha256: 'db9ebe22f338bb9b' },
  'schedules.ndjson': { bytes: 5832, sha256: '60dc262009ded03c' },
  'slots-2021-W17.ndjson': { bytes: 193248, sha256: 'ed512ba0374a88be' },
  'slots-2021-W18.ndjson': { bytes: 234711, sha256: 'f904de822f355c55' },
  'slots-2021-W19.ndjson': { bytes: 154848, sha256: '498c5580e4398ca0' },
  'slots-2021-W20.ndjson': { bytes: 140280, sha256: '3f404f9fac770d66' },
};
