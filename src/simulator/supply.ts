import { timeZoneOf } from '../geo/time-zone.ts';
import type { Centre } from '../registry/centre.ts';
import { WEEKDAYS } from '../registry/centre.ts';
import { DAY_MS, localDay, MINUTE_MS, weekdayOf, zonedInstant } from '../shared/time.ts';
import { intBetween, pick, unit } from './hash.ts';

/**
 * The simulated supply of vaccination slots, one pure model for every provider.
 *
 * Doses arrive in batches: the days of a centre are grouped in blocks of `batchDays`, and each block's
 * slots are published together some days ahead ("dose arrival"), a random share of the centre's
 * grid depending on how many doses came. Each published slot is then booked after a random delay
 * (popular centres empty within minutes, quiet ones take days). A slot is free at instant `t` when
 * it is published, not yet booked and not yet begun. Everything derives from the seed and the centre
 * id, so the same seed and the same instant give the same slots, whatever was asked before.
 */

export type Dose = 'first' | 'second' | 'booster' | 'unknown';
export type Vaccine = 'pfizer' | 'moderna' | 'astrazeneca' | 'janssen';

export interface SiteMotive {
  /** Stable within a centre: `pfizer-first`, `any-unknown`… */
  key: string;
  dose: Dose;
  /** Null when the motive does not say (the classic "unknown dose" trap). */
  vaccine: Vaccine | null;
}

export interface SiteAgenda {
  index: number;
  /** Keys of the motives this agenda's slots can be booked for: one slot, several motives. */
  motiveKeys: string[];
  bookingDisabled: boolean;
}

export interface SiteProfile {
  centreId: string;
  zone: string;
  /** Every agenda is closed to online booking: the provider says "call us". */
  phoneOnly: boolean;
  motives: SiteMotive[];
  agendas: SiteAgenda[];
  slotMinutes: number;
  /** Minutes after local midnight. */
  opensAt: number;
  closesAt: number;
  batchDays: number;
  meanBookingDelayMs: number;
  /** Share of slots nobody books before they begin. */
  unbookedShare: number;
}

export interface SimSlot {
  agenda: number;
  start: number;
  end: number;
  publishedAt: number;
  /** Infinity for a slot nobody books. */
  bookedAt: number;
}

export interface DoseArrival {
  /** When the batch's slots are published. */
  at: number;
  /** Local days (days since 1970-01-01) the batch covers, `to` exclusive. */
  fromDay: number;
  toDay: number;
  /** Share of the centre's grid opened, 0 when no doses came. */
  share: number;
}

const VACCINES: ReadonlyArray<readonly [Vaccine, number]> = [
  ['pfizer', 60],
  ['moderna', 25],
  ['astrazeneca', 10],
  ['janssen', 5],
];

/** How a centre looks on its provider: vaccines, motives, agendas, hours. */
export function siteProfile(centre: Centre, seed: string): SiteProfile {
  const key = (...parts: Array<string | number>) => [seed, centre.id, ...parts] as const;
  const vaccine = pick(VACCINES, ...key('vaccine'));
  const motives: SiteMotive[] = [{ key: `${vaccine}-first`, dose: 'first', vaccine }];
  if (vaccine !== 'janssen') motives.push({ key: `${vaccine}-second`, dose: 'second', vaccine });
  if (unit(...key('booster')) < 0.4)
    motives.push({ key: 'pfizer-booster', dose: 'booster', vaccine: 'pfizer' });
  if (unit(...key('unknown')) < 0.25) motives.push({ key: 'any-unknown', dose: 'unknown', vaccine: null });

  const phoneOnly = unit(...key('phone-only')) < 0.06;
  const agendaCount = intBetween(1, 3, ...key('agendas'));
  const agendas: SiteAgenda[] = [];
  for (let index = 0; index < agendaCount; index++) {
    // The first agenda takes every motive, so the same slot is listed under several of them;
    // the others specialise, as real centres split first and second doses across teams.
    const motiveKeys =
      index === 0
        ? motives.map((m) => m.key)
        : motives.filter((m) => unit(...key('agenda', index, m.key)) < 0.6).map((m) => m.key);
    agendas.push({
      index,
      motiveKeys: motiveKeys.length > 0 ? motiveKeys : [motives[0]?.key ?? `${vaccine}-first`],
      bookingDisabled: phoneOnly || (index > 0 && unit(...key('disabled', index)) < 0.1),
    });
  }
  return {
    centreId: centre.id,
    zone: timeZoneOf(centre),
    phoneOnly,
    motives,
    agendas,
    slotMinutes: pick(
      [
        [5, 2],
        [10, 3],
        [15, 2],
      ],
      ...key('slot-minutes'),
    ),
    opensAt: intBetween(16, 20, ...key('opens')) * 30,
    closesAt: intBetween(32, 38, ...key('closes')) * 30,
    batchDays: pick(
      [
        [7, 3],
        [3, 1],
        [14, 1],
      ],
      ...key('batch-days'),
    ),
    // Log-uniform between 30 minutes and 8 days.
    meanBookingDelayMs: 30 * MINUTE_MS * Math.exp(unit(...key('popularity')) * Math.log(384)),
    unbookedShare: unit(...key('unbooked-centre')) < 0.5 ? 0 : 0.08 * unit(...key('unbooked')),
  };
}

function closedOn(centre: Centre, day: number): boolean {
  if (centre.opens_on && day < Date.parse(centre.opens_on) / DAY_MS) return true;
  if (centre.closes_on && day > Date.parse(centre.closes_on) / DAY_MS) return true;
  const hours = centre.opening_hours[WEEKDAYS[weekdayOf(day)] ?? 'monday'];
  return hours !== undefined && /ferm|closed/i.test(hours);
}

function blockOf(profile: SiteProfile, seed: string, day: number): { block: number; firstDay: number } {
  const phase = intBetween(0, profile.batchDays - 1, seed, profile.centreId, 'phase');
  const block = Math.floor((day + phase) / profile.batchDays);
  return { block, firstDay: block * profile.batchDays - phase };
}

function arrivalOf(profile: SiteProfile, seed: string, block: number, firstDay: number): DoseArrival {
  const k = [seed, profile.centreId, 'block', block] as const;
  const leadDays = intBetween(2, 20, ...k, 'lead');
  const arrivalMinute = intBetween(7 * 60, 19 * 60, ...k, 'minute');
  const share = unit(...k, 'none') < 0.15 ? 0 : 0.25 + 0.75 * unit(...k, 'share');
  return {
    at: zonedInstant(firstDay - leadDays, arrivalMinute, profile.zone),
    fromDay: firstDay,
    toDay: firstDay + profile.batchDays,
    share,
  };
}

/**
 * One local day of a centre, column by column: every slot of a day shares its publication instant
 * and its length, so a slot costs 17 bytes here instead of an object with boxed numbers (~100).
 * Slots are sorted by start, then agenda.
 */
export interface DayTable {
  publishedAt: number;
  slotMs: number;
  starts: Float64Array;
  bookedAt: Float64Array;
  agendas: Uint8Array;
}

const EMPTY_DAY: DayTable = {
  publishedAt: 0,
  slotMs: 0,
  starts: new Float64Array(0),
  bookedAt: new Float64Array(0),
  agendas: new Uint8Array(0),
};

function computeDay(centre: Centre, profile: SiteProfile, seed: string, day: number): DayTable {
  if (closedOn(centre, day)) return EMPTY_DAY;
  const { block, firstDay } = blockOf(profile, seed, day);
  const arrival = arrivalOf(profile, seed, block, firstDay);
  const lunch = unit(seed, centre.id, 'lunch') < 0.5;
  // DST changes happen at night: one offset serves the whole opening day.
  const dayStart = zonedInstant(day, profile.opensAt, profile.zone) - profile.opensAt * MINUTE_MS;
  const prefix = `${seed}\u001f${centre.id}\u001f${day}`;
  const starts: number[] = [];
  const booked: number[] = [];
  const agendas: number[] = [];
  for (const agenda of profile.agendas) {
    for (
      let minute = profile.opensAt;
      minute + profile.slotMinutes <= profile.closesAt;
      minute += profile.slotMinutes
    ) {
      if (lunch && minute >= 12 * 60 + 30 && minute < 13 * 60 + 30) continue;
      const k = `${prefix}\u001f${agenda.index}\u001f${minute}`;
      if (unit(k, 'open') >= arrival.share) continue;
      // Some slots find no taker before they begin (second doses, unpopular hours).
      const u = unit(k, 'booked');
      const delay =
        u < profile.unbookedShare ? Number.POSITIVE_INFINITY : -Math.log(1 - u) * profile.meanBookingDelayMs;
      starts.push(dayStart + minute * MINUTE_MS);
      booked.push(arrival.at + delay);
      agendas.push(agenda.index);
    }
  }
  const order = starts.map((_, i) => i);
  order.sort(
    (a, b) =>
      (starts[a] as number) - (starts[b] as number) || (agendas[a] as number) - (agendas[b] as number),
  );
  return {
    publishedAt: arrival.at,
    slotMs: profile.slotMinutes * MINUTE_MS,
    starts: Float64Array.from(order, (i) => starts[i] as number),
    bookedAt: Float64Array.from(order, (i) => booked[i] as number),
    agendas: Uint8Array.from(order, (i) => agendas[i] as number),
  };
}

// A memo of recent days, bounded by slots rather than days (about 17 MB at most): the model is pure,
// so a day dropped is only computed again, never different.
const dayMemo = new Map<string, DayTable>();
const DAY_MEMO_SLOTS = 1_000_000;
let memoSlots = 0;

function dayTable(centre: Centre, profile: SiteProfile, seed: string, day: number): DayTable {
  const memoKey = `${seed}\u001f${centre.id}\u001f${day}`;
  const known = dayMemo.get(memoKey);
  if (known) return known;
  const table = computeDay(centre, profile, seed, day);
  if (memoSlots + table.starts.length > DAY_MEMO_SLOTS) {
    dayMemo.clear();
    memoSlots = 0;
  }
  dayMemo.set(memoKey, table);
  memoSlots += table.starts.length;
  return table;
}

function slotOf(table: DayTable, i: number): SimSlot {
  const start = table.starts[i] as number;
  return {
    agenda: table.agendas[i] as number,
    start,
    end: start + table.slotMs,
    publishedAt: table.publishedAt,
    bookedAt: table.bookedAt[i] as number,
  };
}

/**
 * A local day's slots as read-only columns (sorted by start, then agenda), for callers that walk many
 * days once, such as a SMART slot file: read from the memo when there, never added to it, so a long
 * walk does not evict the days the polled providers keep asking for.
 */
export function dayColumns(
  centre: Centre,
  profile: SiteProfile,
  seed: string,
  day: number,
): Readonly<DayTable> {
  return dayMemo.get(`${seed}\u001f${centre.id}\u001f${day}`) ?? computeDay(centre, profile, seed, day);
}

/** Every slot ever published for a local day, with when it was published and when it gets booked. */
export function daySlots(centre: Centre, profile: SiteProfile, seed: string, day: number): SimSlot[] {
  const table = dayTable(centre, profile, seed, day);
  return Array.from(table.starts, (_, i) => slotOf(table, i));
}

export function isFreeAt(slot: SimSlot, at: number): boolean {
  return slot.publishedAt <= at && at < slot.bookedAt && at < slot.start;
}

function freeAt(table: DayTable, i: number, at: number): boolean {
  const start = table.starts[i] as number;
  return table.publishedAt <= at && at < (table.bookedAt[i] as number) && at < start;
}

export interface SlotQuery {
  /** The instant the provider is asked at. */
  at: number;
  /** Slots starting in [from, to). */
  from: number;
  to: number;
  /** Only these agendas (by index); all when absent. */
  agendas?: ReadonlySet<number>;
}

/** The free slots of a centre at instant `at`, starting in [from, to), by start time. */
export function slotsAt(centre: Centre, seed: string, query: SlotQuery): SimSlot[] {
  const profile = siteProfile(centre, seed);
  const out: SimSlot[] = [];
  const firstDay = localDay(query.from, profile.zone);
  const lastDay = localDay(query.to, profile.zone);
  for (let day = firstDay; day <= lastDay; day++) {
    const table = dayTable(centre, profile, seed, day);
    for (let i = 0; i < table.starts.length; i++) {
      const start = table.starts[i] as number;
      if (start < query.from || start >= query.to || !freeAt(table, i, query.at)) continue;
      if (!query.agendas || query.agendas.has(table.agendas[i] as number)) out.push(slotOf(table, i));
    }
  }
  return out;
}

/** The first free slot starting at or after `from`, looking `maxDays` ahead; null when none. */
export function nextSlotAt(
  centre: Centre,
  seed: string,
  at: number,
  from: number,
  options: { agendas?: ReadonlySet<number>; maxDays?: number } = {},
): SimSlot | null {
  const profile = siteProfile(centre, seed);
  const firstDay = localDay(from, profile.zone);
  for (let day = firstDay; day <= firstDay + (options.maxDays ?? 90); day++) {
    const table = dayTable(centre, profile, seed, day);
    for (let i = 0; i < table.starts.length; i++) {
      if (
        (table.starts[i] as number) >= from &&
        freeAt(table, i, at) &&
        (!options.agendas || options.agendas.has(table.agendas[i] as number))
      ) {
        return slotOf(table, i);
      }
    }
  }
  return null;
}

/** The dose arrivals of a centre published in [from, to), earliest first. */
export function doseArrivals(centre: Centre, seed: string, from: number, to: number): DoseArrival[] {
  const profile = siteProfile(centre, seed);
  const out = new Map<number, DoseArrival>();
  // Arrivals precede their days by at most 20 days, so scanning these days finds them all.
  for (let day = localDay(from, profile.zone); day <= localDay(to, profile.zone) + 21; day++) {
    const { block, firstDay } = blockOf(profile, seed, day);
    if (out.has(block)) continue;
    const arrival = arrivalOf(profile, seed, block, firstDay);
    if (arrival.at >= from && arrival.at < to) out.set(block, arrival);
  }
  return [...out.values()].sort((a, b) => a.at - b.at);
}
