import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Availability } from '../../src/adapters/availability.ts';
import { getGazetteer } from '../../src/places/gazetteer.ts';
import type { Centre } from '../../src/registry/centre.ts';
import { generateDemoRegistry } from '../../src/registry/demo.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type CliRun, runCreneau } from '../support/cli.ts';

let dataDir: string;

function creneau(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCreneau(args, dataDir, env);
}

let centres: readonly Centre[];
let doctolibCentre: Centre;
let doctolibUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'creneau-check-'));
  centres = generateDemoRegistry(getGazetteer()).centres;
  const found = centres.find((c) => c.booking.platform === 'doctolib' && c.booking.url);
  if (!found?.booking.url) throw new Error('the demo registry has no Doctolib centre');
  doctolibCentre = found;
  doctolibUrl = found.booking.url;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('creneau check on the demo registry, through the embedded simulator', () => {
  it('prints the availability of a demo Doctolib link in French and exits 0', async () => {
    const run = await creneau(['check', doctolibUrl]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`(${doctolibCentre.id})`);
    expect(run.stdout).toMatch(
      /Disponibilité :\s+(des créneaux sont disponibles|aucun créneau disponible|réservation par téléphone uniquement)/,
    );
    expect(run.stdout).toContain('simulateur local');
    expect(run.stdout).toContain(`Réservation :         ${doctolibUrl}`);
    expect(run.stderr).toContain('CRENEAU_DOCTOLIB_BASE_URL');
  });

  it('prints a valid Availability with --json', async () => {
    const run = await creneau(['check', doctolibUrl, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const availability = Availability.parse(JSON.parse(run.stdout));
    expect(availability).toMatchObject({ provider: 'doctolib', error: null, booking_url: doctolibUrl });
    expect(['some', 'none', 'phone_only']).toContain(availability.status);
  });

  it('checks a registry centre booking on its own site through the SMART feed', async () => {
    const own = centres.find((c) => c.booking.platform === 'other' && c.booking.url);
    const run = await creneau(['check', own?.booking.url ?? '', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(Availability.parse(JSON.parse(run.stdout))).toMatchObject({ provider: 'smart', error: null });
  });
});

describe('creneau check against a provider of its own configuration', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ centres, seed: 'cli-check' });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('checks every location of a SMART feed given its $bulk-publish URL', async () => {
    const run = await creneau(['check', `${sim.urls.smart}/$bulk-publish`, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const answers = Availability.array().parse(JSON.parse(run.stdout));
    expect(answers).toHaveLength(centres.filter((c) => c.booking.platform === 'other').length);
    expect(answers.every((a) => a.provider === 'smart' && a.error === null)).toBe(true);
  });

  it('prints the error kind and its HTTP detail, and exits 1', async () => {
    await sim.faults.set('doctolib', { errorRate: 1 });
    const run = await creneau(['check', doctolibUrl], { CRENEAU_DOCTOLIB_BASE_URL: sim.urls.doctolib });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Erreur :\s+unreachable/);
    expect(run.stdout).toMatch(/Détail :\s+500 from 127\.0\.0\.1:\d+\/booking\//);
    expect(run.stdout).toContain(sim.urls.doctolib);
    expect(run.stdout).not.toContain('simulateur local');
    // Logs never mix with the answer on stdout.
    expect(run.stdout).not.toContain('"level"');
  });

  it('gives the Retry-After of a 429, in text and in JSON', async () => {
    await sim.faults.set('doctolib', { rateLimit: { retryAfterSeconds: 42 } });
    const env = { CRENEAU_DOCTOLIB_BASE_URL: sim.urls.doctolib };
    const text = await creneau(['check', doctolibUrl], env);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Réessayer après :\s+42 s/);
    const json = await creneau(['check', doctolibUrl, '--json'], env);
    expect(json.code).toBe(1);
    expect(Availability.parse(JSON.parse(json.stdout))).toMatchObject({
      status: 'unknown',
      error: { kind: 'rate_limited', retry_after_s: 42 },
    });
  });
});

describe('creneau check usage errors', () => {
  it('exits 2 and lists the supported platforms for a link no adapter claims', async () => {
    const run = await creneau(['check', 'https://www.example.org/prendre-rendez-vous']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('https://www.example.org/prendre-rendez-vous');
    for (const platform of ['doctolib', 'maiia', 'keldoc', 'smart']) expect(run.stderr).toContain(platform);
  });

  it('exits 2 without a URL, or with something that is not one', async () => {
    expect((await creneau(['check'])).code).toBe(2);
    const run = await creneau(['check', 'not a url']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: creneau check');
  });
});
