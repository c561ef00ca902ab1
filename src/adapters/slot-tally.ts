import { DAY_MS, localDate, offsetMinutes, toZonedIso } from '../shared/time.ts';
import { type Availability, type DayPeriods, type Dose, emptyPerDose } from './availability.ts';

const HOUR_MS = 3_600_000;

/** Morning before 12:00, afternoon 12:00–18:00, evening from 18:00, on the centre's wall clock. */
export function periodOf(startMs: number, zone: string): keyof DayPeriods {
  const minutes = (((startMs / 60_000 + offsetMinutes(startMs, zone)) % 1440) + 1440) % 1440;
  return minutes < 12 * 60 ? 'morning' : minutes < 18 * 60 ? 'afternoon' : 'evening';
}

/** One free slot as an adapter saw it, before deduplication. */
export interface SeenSlot {
  /** The agenda, practitioner or schedule the slot belongs to: part of its identity. */
  agenda: string;
  startMs: number;
  dose: Dose;
  vaccine: string | null;
  /** Appointments behind this slot (SMART slot-capacity); 1 elsewhere. */
  capacity?: number;
}

/**
 * Collects the slots of one centre and counts each (agenda, start) once, however many motives
 * list it. When motives disagree, the known dose wins over `unknown`, and a named vaccine over none.
 */
export class SlotTally {
  readonly #slots = new Map<string, SeenSlot>();
  readonly #fromMs: number;
  readonly #untilMs: number;
  #earliestMs: number | null = null;
  /** Second-injection delay in days → first-dose slots the platform gave it for. */
  readonly #secondDoseDelays = new Map<number, number>();

  constructor(nowMs: number, horizonDays: number) {
    this.#fromMs = nowMs;
    this.#untilMs = nowMs + horizonDays * DAY_MS;
  }

  get untilMs(): number {
    return this.#untilMs;
  }

  /** Records a slot; ones in the past are ignored, ones beyond the horizon only move `next_slot`. */
  add(slot: SeenSlot): void {
    if (slot.startMs < this.#fromMs) return;
    this.noteNext(slot.startMs);
    if (slot.startMs >= this.#untilMs) return;
    const key = `${slot.agenda}|${slot.startMs}`;
    const seen = this.#slots.get(key);
    if (!seen) {
      this.#slots.set(key, { ...slot });
      return;
    }
    if (seen.dose === 'unknown') seen.dose = slot.dose;
    seen.vaccine ??= slot.vaccine;
    seen.capacity = Math.max(seen.capacity ?? 1, slot.capacity ?? 1);
  }

  /** A provider's "next available" pointer: the earliest slot, without a slot to count. */
  noteNext(startMs: number): void {
    if (startMs < this.#fromMs) return;
    if (this.#earliestMs === null || startMs < this.#earliestMs) this.#earliestMs = startMs;
  }

  /**
   * The platform's delay before the second injection for first-dose slots it listed (`slots` of them):
   * the most common delay wins, the shorter on a tie. Zero (single-dose vaccines) or nonsense is ignored.
   */
  noteSecondDoseDelay(days: number | null | undefined, slots = 1): void {
    if (days === null || days === undefined || !Number.isInteger(days) || days <= 0 || days > 365) return;
    if (slots <= 0) return;
    this.#secondDoseDelays.set(days, (this.#secondDoseDelays.get(days) ?? 0) + slots);
  }

  #secondDoseDelay(): number | null {
    let best: [number, number] | null = null;
    for (const [days, n] of this.#secondDoseDelays)
      if (!best || n > best[1] || (n === best[1] && days < best[0])) best = [days, n];
    return best ? best[0] : null;
  }

  get size(): number {
    return this.#slots.size;
  }

  /**
   * The counts, and the status they make: `some` whenever a free slot is known, even only beyond the
   * horizon (then with `slot_count: 0` and its `next_slot`); `none` when nothing at all is.
   */
  summarise(
    zone: string,
  ): Pick<
    Availability,
    | 'status'
    | 'next_slot'
    | 'slot_count'
    | 'per_day'
    | 'per_dose'
    | 'per_vaccine'
    | 'next_24h'
    | 'per_day_period'
    | 'second_dose_delay_days'
  > {
    const perDay: Record<string, number> = {};
    const perPeriod: Record<string, DayPeriods> = {};
    let next24h = 0;
    const perDose = emptyPerDose();
    const perVaccine: Record<string, number> = {};
    let slotCount = 0;
    for (const slot of this.#slots.values()) {
      const n = slot.capacity ?? 1;
      if (n <= 0) continue;
      slotCount += n;
      const day = localDate(slot.startMs, zone);
      perDay[day] = (perDay[day] ?? 0) + n;
      perPeriod[day] ??= { morning: 0, afternoon: 0, evening: 0 };
      perPeriod[day][periodOf(slot.startMs, zone)] += n;
      if (slot.startMs < this.#fromMs + 24 * HOUR_MS) next24h += n;
      perDose[slot.dose] += n;
      if (slot.vaccine) perVaccine[slot.vaccine] = (perVaccine[slot.vaccine] ?? 0) + n;
    }
    return {
      status: slotCount > 0 || this.#earliestMs !== null ? 'some' : 'none',
      next_slot: this.#earliestMs === null ? null : toZonedIso(this.#earliestMs, zone),
      slot_count: slotCount,
      per_day: Object.fromEntries(Object.entries(perDay).sort(([a], [b]) => a.localeCompare(b))),
      per_dose: perDose,
      per_vaccine: perVaccine,
      next_24h: next24h,
      per_day_period: Object.fromEntries(Object.entries(perPeriod).sort(([a], [b]) => a.localeCompare(b))),
      second_dose_delay_days: this.#secondDoseDelay(),
    };
  }
}
