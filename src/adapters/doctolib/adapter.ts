import { timeZoneOf } from '../../geo/time-zone.ts';
import type { Centre } from '../../registry/centre.ts';
import { localDate } from '../../shared/time.ts';
import type { Dose } from '../availability.ts';
import { doseFromText, vaccineFromText } from '../classify.ts';
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
    const { motives, disabledAgendas } = motivesAt(booking, practiceIds);
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

/** Vaccination motives offered at these practices, each with the bookable agendas serving it. */
function motivesAt(booking: DoctolibBooking, practiceIds: number[]) {
  const motives: Motive[] = [];
  const disabled = new Set<number>();
  for (const motive of booking.data.visit_motives) {
    if (motive.vaccination_motive === false) continue;
    const agendaIds: number[] = [];
    for (const agenda of booking.data.agendas) {
      const serves = practiceIds.some((pid) =>
        agenda.visit_motive_ids_by_practice_id[String(pid)]?.includes(motive.id),
      );
      if (!serves) continue;
      if (agenda.booking_disabled) disabled.add(agenda.id);
      else agendaIds.push(agenda.id);
    }
    if (agendaIds.length === 0) continue;
    const dose = motive.first_shot_motive ? 'first' : doseFromText(motive.name);
    motives.push({ id: motive.id, dose, vaccine: vaccineFromText(motive.name), agendaIds });
  }
  return { motives, disabledAgendas: disabled.size };
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
    for (const day of answer.availabilities) {
      for (const slot of day.slots) {
        found++;
        seen.add(slot, motive);
      }
    }
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

/**
 * Doctolib names the agenda of a slot only for first-shot motives (objects with `agenda_id`); other
 * motives list bare times, one per start whichever of the motive's agendas is free. A bare time is
 * then one slot on one of those agendas, the same as a slot already seen at that start on one of them:
 * counting it again is the "one slot per motive" inflation. So named slots are added first, and each
 * bare time joins a named or bare slot at its start on a shared agenda, or else counts once.
 */
class SeenSlots {
  readonly #named: Array<{ agenda: number; startMs: number; motive: Motive }> = [];
  readonly #bare: Array<{ startMs: number; motive: Motive }> = [];

  add(slot: DoctolibSlot, motive: Motive): void {
    const startMs = instantMs(typeof slot === 'string' ? slot : slot.start_date);
    const agenda = typeof slot === 'string' ? undefined : (slot.agenda_id ?? slot.steps?.[0]?.agenda_id);
    if (agenda === undefined) this.#bare.push({ startMs, motive });
    else this.#named.push({ agenda, startMs, motive });
  }

  addTo(tally: SlotTally): void {
    /** Start → the agenda groups already counted there, each with the key it was counted under. */
    const counted = new Map<number, Array<{ agendas: readonly number[]; key: string }>>();
    const countAt = (startMs: number, agendas: readonly number[], key: string, motive: Motive) => {
      tally.add({ agenda: key, startMs, dose: motive.dose, vaccine: motive.vaccine });
      const at = counted.get(startMs) ?? [];
      at.push({ agendas, key });
      counted.set(startMs, at);
    };
    for (const { agenda, startMs, motive } of this.#named) countAt(startMs, [agenda], String(agenda), motive);
    for (const { startMs, motive } of this.#bare) {
      const same = counted
        .get(startMs)
        ?.find((group) => group.agendas.some((a) => motive.agendaIds.includes(a)));
      if (same) tally.add({ agenda: same.key, startMs, dose: motive.dose, vaccine: motive.vaccine });
      else countAt(startMs, motive.agendaIds, motive.agendaIds.join('-'), motive);
    }
  }
}
