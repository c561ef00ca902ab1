import { timeZoneOf } from '../../geo/time-zone.ts';
import type { Centre } from '../../registry/centre.ts';
import { localDate } from '../../shared/time.ts';
import type { Dose } from '../availability.ts';
import { doseFromText, isCovidVaccination, noVaccinationMotive, vaccineFromText } from '../classify.ts';
import type { AdapterContext } from '../context.ts';
import { addDays, daysBetween, instantMs } from '../dates.ts';
import { defineAdapter } from '../define-adapter.ts';
import { ProviderError } from '../errors.ts';
import { getJson } from '../http.ts';
import { SlotTally } from '../slot-tally.ts';
import doctolib from './platform.ts';
import {
  DoctolibBooking as BookingSchema,
  DoctolibAvailabilities,
  type DoctolibBooking,
  type DoctolibSlot,
} from './schemas.ts';

/** Doctolib serves at most 14 days per availabilities request. */
const PAGE_DAYS = 14;

interface Motive {
  id: number;
  dose: Dose;
  vaccine: string | null;
  agendaIds: number[];
}

export default defineAdapter({
  name: doctolib.name,
  defaultBaseUrl: 'https://partners.doctolib.fr',
  claims: (url) => doctolib.parseBookingLink(url) !== null,

  async fetchAvailability(centre, ctx) {
    const link = doctolib.parseBookingLink(centre.booking.url ?? '');
    if (!link) throw new ProviderError('not_found', `no booking slug in ${centre.booking.url}`);
    const booking = await getJson(
      ctx,
      new URL(`booking/${encodeURIComponent(link.slug)}.json`, baseOf(ctx)),
      BookingSchema,
    );
    const practiceIds = practicesOf(booking, link.placeId);
    const { motives, disabledAgendas, vaccinationMotives } = motivesAt(booking, practiceIds);
    if (vaccinationMotives === 0) return noVaccinationMotive(centre.booking.url);
    const zone = timeZoneOf(centre);
    const now = ctx.now().getTime();
    const tally = new SlotTally(now, ctx.settings.horizon_days);

    if (motives.length === 0 && disabledAgendas > 0) {
      return { ...tally.summarise(zone), status: 'phone_only', booking_url: centre.booking.url };
    }
    const seen = new SeenSlots();
    for (const motive of motives) {
      await collectMotive(ctx, centre, { motive, practiceIds, tally, seen, zone, now });
    }
    seen.addTo(tally);
    return { ...tally.summarise(zone), booking_url: centre.booking.url };
  },
});

function baseOf(ctx: AdapterContext): URL {
  return new URL(ctx.settings.base_url.endsWith('/') ? ctx.settings.base_url : `${ctx.settings.base_url}/`);
}

function practicesOf(booking: DoctolibBooking, placeId: string | null): number[] {
  const places = booking.data.places;
  if (placeId === null) return places.flatMap((place) => place.practice_ids);
  const place = places.find((p) => p.id === placeId);
  if (!place) throw new ProviderError('not_found', `booking has no place ${placeId}`);
  return place.practice_ids;
}

/**
 * COVID vaccination motives offered at these practices, each with the bookable agendas serving it
 * (src/adapters/classify.ts: Doctolib's `vaccination_motive` when it gives one, else the name).
 */
function motivesAt(booking: DoctolibBooking, practiceIds: number[]) {
  const motives: Motive[] = [];
  const disabled = new Set<number>();
  let vaccinationMotives = 0;
  for (const motive of booking.data.visit_motives) {
    if (!isCovidVaccination(motive.name, { platform: motive.vaccination_motive })) continue;
    const agendaIds: number[] = [];
    let served = false;
    for (const agenda of booking.data.agendas) {
      const serves = practiceIds.some((pid) =>
        agenda.visit_motive_ids_by_practice_id[String(pid)]?.includes(motive.id),
      );
      if (!serves) continue;
      served = true;
      if (agenda.booking_disabled) disabled.add(agenda.id);
      else agendaIds.push(agenda.id);
    }
    if (served) vaccinationMotives++;
    if (agendaIds.length === 0) continue;
    const dose = motive.first_shot_motive ? 'first' : doseFromText(motive.name);
    motives.push({ id: motive.id, dose, vaccine: vaccineFromText(motive.name), agendaIds });
  }
  return { motives, disabledAgendas: disabled.size, vaccinationMotives };
}

interface Collect {
  motive: Motive;
  practiceIds: number[];
  tally: SlotTally;
  seen: SeenSlots;
  zone: string;
  now: number;
}

/** Pages through the horizon 14 days at a time, jumping to `next_slot` over empty windows. */
async function collectMotive(
  ctx: AdapterContext,
  centre: Centre,
  { motive, practiceIds, tally, seen, zone, now }: Collect,
) {
  const lastDay = localDate(tally.untilMs - 1, zone);
  let startDate = localDate(now, zone);
  // Each page moves forward at least one day, so this bounds the loop even on a provider that misbehaves.
  for (let page = 0; page <= ctx.settings.horizon_days && startDate <= lastDay; page++) {
    const limit = Math.min(PAGE_DAYS, daysBetween(startDate, lastDay) + 1);
    const query = new URLSearchParams({
      start_date: startDate,
      visit_motive_ids: String(motive.id),
      agenda_ids: motive.agendaIds.join('-'),
      practice_ids: practiceIds.join('-'),
      insurance_sector: 'public',
      destroy_temporary: 'true',
      limit: String(limit),
    });
    const answer = await getJson(
      ctx,
      new URL(`availabilities.json?${query}`, baseOf(ctx)),
      DoctolibAvailabilities,
    );
    let found = 0;
    const slots = answer.availabilities.flatMap((day) => day.slots);
    found = slots.length;
    seen.addPage(slots, motive);
    if (motive.dose === 'first') for (const slot of slots) noteSecondStep(tally, slot, zone);
    ctx.logger.debug({ centre: centre.id, motive: motive.id, startDate, found }, 'doctolib page');
    const next = found === 0 ? answer.next_slot : undefined;
    if (next === undefined) {
      startDate = addDays(startDate, limit);
      continue;
    }
    const nextDate = next.length === 10 ? next : localDate(instantMs(next), zone);
    if (next.length > 10) tally.noteNext(instantMs(next));
    if (nextDate <= startDate) startDate = addDays(startDate, limit);
    else startDate = nextDate;
  }
}

/** The days from a first-shot slot to the second injection Doctolib chains to it (its second step). */
function noteSecondStep(tally: SlotTally, slot: DoctolibSlot, zone: string): void {
  if (typeof slot === 'string') return;
  const second = slot.steps?.[1]?.start_date;
  if (!second) return;
  tally.noteSecondDoseDelay(
    daysBetween(localDate(instantMs(slot.start_date), zone), localDate(instantMs(second), zone)),
  );
}

/**
 * Doctolib names the agenda of a slot only for first-shot motives (objects with `agenda_id`); other
 * motives list bare times, one per free agenda at that start: a time listed twice by one motive is two
 * agendas free at the same minute, so two slots (per (agenda, start), never merged across agendas).
 * Across motives, a bare time is one slot on one of the motive's agendas, the same as a slot already
 * seen at that start on one of them: counting it again is the "one slot per motive" inflation. So
 * named slots are added first, and the k-th bare time of a motive at a start joins the k-th slot
 * counted at that start on a shared agenda, or else counts once more.
 */
class SeenSlots {
  readonly #named: Array<{ agenda: number; startMs: number; motive: Motive }> = [];
  /** Motive → start → how many agendas one answer listed free at that start (the most any page said). */
  readonly #bare = new Map<Motive, Map<number, number>>();

  /** One page of one motive's answer. */
  addPage(slots: readonly DoctolibSlot[], motive: Motive): void {
    const times = new Map<number, number>();
    for (const slot of slots) {
      const startMs = instantMs(typeof slot === 'string' ? slot : slot.start_date);
      const agenda = typeof slot === 'string' ? undefined : (slot.agenda_id ?? slot.steps?.[0]?.agenda_id);
      if (agenda === undefined) times.set(startMs, (times.get(startMs) ?? 0) + 1);
      else this.#named.push({ agenda, startMs, motive });
    }
    const known = this.#bare.get(motive) ?? new Map<number, number>();
    for (const [startMs, n] of times) known.set(startMs, Math.max(known.get(startMs) ?? 0, n));
    this.#bare.set(motive, known);
  }

  addTo(tally: SlotTally): void {
    /** Start → the slots counted there, each with its agendas, its key and the motives that joined it. */
    const counted = new Map<
      number,
      Array<{ agendas: readonly number[]; key: string; joined: Set<Motive> }>
    >();
    const countAt = (startMs: number, agendas: readonly number[], key: string, motive: Motive) => {
      tally.add({ agenda: key, startMs, dose: motive.dose, vaccine: motive.vaccine });
      const at = counted.get(startMs) ?? [];
      at.push({ agendas, key, joined: new Set([motive]) });
      counted.set(startMs, at);
    };
    for (const { agenda, startMs, motive } of this.#named) {
      const at = counted.get(startMs)?.find((slot) => slot.key === String(agenda));
      if (at) {
        at.joined.add(motive);
        tally.add({ agenda: at.key, startMs, dose: motive.dose, vaccine: motive.vaccine });
      } else countAt(startMs, [agenda], String(agenda), motive);
    }
    for (const [motive, times] of this.#bare) {
      for (const [startMs, n] of times) {
        for (let nth = 0; nth < n; nth++) {
          // A slot this motive has not joined yet, on one of its agendas: the same slot seen by another motive.
          const same = (counted.get(startMs) ?? []).find(
            (slot) => !slot.joined.has(motive) && slot.agendas.some((a) => motive.agendaIds.includes(a)),
          );
          if (same) {
            same.joined.add(motive);
            tally.add({ agenda: same.key, startMs, dose: motive.dose, vaccine: motive.vaccine });
          } else countAt(startMs, motive.agendaIds, `${motive.agendaIds.join('-')}#${nth}`, motive);
        }
      }
    }
  }
}
