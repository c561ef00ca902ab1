import { type Simulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';

export interface FakeClock {
  clock: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
  now(): number;
}

export function fakeClock(iso: string): FakeClock {
  let now = Date.parse(iso);
  return {
    clock: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (next) => {
      now = Date.parse(next);
    },
    now: () => now,
  };
}

export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ centres: CENTRES, seed: 'test', ...options });
}

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
