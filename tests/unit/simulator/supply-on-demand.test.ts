import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { daySlots, nextSlotAt, siteProfile, slotsAt } from '../../../src/simulator/supply.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';

const DAY = 86_400_000;
const AT = Date.parse('2021-04-12T09:30:00+02:00');

/** Everything the providers read from the supply model, for every fixture centre, under two seeds. */
function fingerprint(): { days: string; slots: string; next: string } {
  const digest = () => createHash('sha256');
  const days = digest();
  const slots = digest();
  const next = digest();
  const text = (value: unknown) => JSON.stringify(value, (_key, v) => (v === Infinity ? 'Infinity' : v));
  for (const seed of ['test', 'bench'])
    for (const centre of CENTRES) {
      const profile = siteProfile(centre, seed);
      for (let day = 18_720; day < 18_750; day++) days.update(text(daySlots(centre, profile, seed, day)));
      slots.update(text(slotsAt(centre, seed, { at: AT, from: AT, to: AT + 14 * DAY })));
      slots.update(
        text(slotsAt(centre, seed, { at: AT, from: AT, to: AT + 7 * DAY, agendas: new Set([1]) })),
      );
      next.update(text(nextSlotAt(centre, seed, AT, AT)));
      next.update(text(nextSlotAt(centre, seed, AT + 20 * DAY, AT + 30 * DAY, { agendas: new Set([0]) })));
    }
  const hex = (hash: ReturnType<typeof digest>) => hash.digest('hex').slice(0, 16);
  return { days: hex(days), slots: hex(slots), next: hex(next) };
}

describe('the supply model computed on demand', () => {
  // Recorded from the model that kept every computed day's slots as objects (before issue 9):
  // the compact tables must give the same slots, byte for byte.
  it('gives the same slots as the previous model for the same seeds', () => {
    expect(fingerprint()).toEqual(GOLDEN);
  });

  it('gives the same answers whatever was asked before (memo evicted or not)', () => {
    const first = fingerprint();
    for (let day = 18_000; day < 18_400; day++)
      for (const centre of CENTRES) daySlots(centre, siteProfile(centre, 'other'), 'other', day);
    expect(fingerprint()).toEqual(first);
  });
});

const GOLDEN = { days: '9e9612c9ad235998', slots: '813cc5fb3a115875', next: '1a55c30e31e8a5fe' };
