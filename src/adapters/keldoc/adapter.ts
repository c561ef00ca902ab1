import { timeZoneOf } from '../../geo/time-zone.ts';
import { localDate } from '../../shared/time.ts';
import {
  doseFromText,
  isCovidVaccination,
  namesCovidVaccination,
  noVaccinationMotive,
  vaccineFromText,
} from '../classify.ts';
import type { AdapterContext } from '../context.ts';
import { instantMs } from '../dates.ts';
import { defineAdapter } from '../define-adapter.ts';
import { ProviderError } from '../errors.ts';
import { getJson } from '../http.ts';
import { SlotTally } from '../slot-tally.ts';
import keldoc, { type KeldocLink } from './platform.ts';
import { KeldocMotiveCategories, KeldocResource, KeldocTimetable } from './schemas.ts';

/**
 * The resource search of a Keldoc link (`/{type}/{location}/{slug}[/{cabinet slug}]`); its
 * `specialty=` and `cabinet=` ids, when the link was made from a motive page, pick among the answer.
 */
function resourceParamsOf({ type, location, slug, cabinetSlug }: KeldocLink): URLSearchParams {
  const params = new URLSearchParams({ type, location, slug });
  if (cabinetSlug) params.set('cabinet', cabinetSlug);
  return params;
}

function api(ctx: AdapterContext, path: string): URL {
  return new URL(`${ctx.settings.base_url.replace(/\/$/, '')}/api/patients/v2/${path}`);
}

export default defineAdapter({
  name: keldoc.name,
  defaultBaseUrl: 'https://www.keldoc.com',
  claims: (url) => keldoc.parseBookingLink(url) !== null,

  async fetchAvailability(centre, ctx) {
    const link = keldoc.parseBookingLink(centre.booking.url ?? '');
    if (!link) throw new ProviderError('not_found', `no Keldoc resource in ${centre.booking.url}`);
    const resource = await getJson(
      ctx,
      api(ctx, `searches/resource?${resourceParamsOf(link)}`),
      KeldocResource,
    );
    const specialties = pick(resource.specialties, link.specialtyId);
    const { cabinetSlug } = link;
    const cabinets = pick(
      resource.cabinets.filter((c) => !cabinetSlug || c.slug === undefined || c.slug === cabinetSlug),
      link.cabinetId,
    );
    if (specialties.length === 0 || cabinets.length === 0) {
      throw new ProviderError('not_found', 'Keldoc resource has no matching specialty or cabinet');
    }

    const zone = timeZoneOf(centre);
    const now = ctx.now().getTime();
    const tally = new SlotTally(now, ctx.settings.horizon_days);
    const from = localDate(now, zone);
    const to = localDate(tally.untilMs - 1, zone);
    let phone: string | null = null;
    let phoneOnlyMotives = 0;
    let motives = 0;
    let vaccinationMotives = 0;

    for (const specialty of specialties) {
      // Keldoc says a specialty is a COVID vaccination centre in its skills ("Centre de vaccination COVID-19").
      const covidSite = namesCovidVaccination(
        specialty.name ?? '',
        ...(specialty.skills ?? []).map((skill) => skill.name),
      );
      for (const cabinet of cabinets) {
        const categories = await getJson(
          ctx,
          api(
            ctx,
            `clinics/${resource.id}/specialties/${specialty.id}/cabinets/${cabinet.id}/motive_categories`,
          ),
          KeldocMotiveCategories,
        );
        for (const category of categories) {
          for (const motive of category.motives) {
            if (!isCovidVaccination(motive.name, { context: [category.name], covidSite })) continue;
            vaccinationMotives++;
            if (motive.agendas.length === 0) continue;
            motives++;
            const agendaIds = motive.agendas.map((a) => a.id).sort((a, b) => a - b);
            const query = new URLSearchParams({ from, to });
            for (const id of agendaIds) query.append('agenda_ids[]', String(id));
            const timetable = await getJson(
              ctx,
              api(ctx, `timetables/${motive.id}?${query}`),
              KeldocTimetable,
            );
            const dose = doseFromText(motive.name);
            const vaccine = vaccineFromText(motive.name) ?? vaccineFromText(category.name);
            if ('availabilities' in timetable) {
              for (const slots of Object.values(timetable.availabilities)) {
                for (const slot of slots) {
                  const agenda = slot.agenda_id === undefined ? agendaIds.join('-') : String(slot.agenda_id);
                  tally.add({ agenda, startMs: instantMs(slot.start_time), dose, vaccine });
                }
              }
            } else if ('phone_number' in timetable) {
              phoneOnlyMotives++;
              phone ??= timetable.phone_number;
            } else if ('date' in timetable) {
              tally.noteNext(instantMs(timetable.date));
            }
          }
        }
      }
    }
    if (vaccinationMotives === 0) return noVaccinationMotive(centre.booking.url);
    const summary = tally.summarise(zone);
    const phoneOnly = summary.slot_count === 0 && motives > 0 && phoneOnlyMotives === motives;
    return {
      ...summary,
      status: phoneOnly ? 'phone_only' : summary.status,
      booking_url: centre.booking.url,
      booking_phone: phone ?? centre.phones[0] ?? null,
    };
  },
});

/** The entries whose id the URL names, or all of them when it names none. */
function pick<T extends { id: number }>(entries: T[], wanted: number | null): T[] {
  return wanted === null ? entries : entries.filter((entry) => entry.id === wanted);
}
