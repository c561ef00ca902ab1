import { timeZoneOf } from '../../geo/time-zone.ts';
import type { Dose } from '../availability.ts';
import { doseFromText, isCovidVaccination, noVaccinationMotive, vaccineFromText } from '../classify.ts';
import type { AdapterContext } from '../context.ts';
import { instantMs } from '../dates.ts';
import { defineAdapter } from '../define-adapter.ts';
import { ProviderError } from '../errors.ts';
import { getJson } from '../http.ts';
import { SlotTally } from '../slot-tally.ts';
import maiia from './platform.ts';
import {
  MaiiaAvailabilities,
  MaiiaClosest,
  type MaiiaConsultationReason,
  MaiiaConsultationReasons,
} from './schemas.ts';

const PAGE_SIZE = 100;
/** Even a centre with thousands of slots fits in this many pages over a 60-day horizon. */
const MAX_PAGES = 50;

function api(ctx: AdapterContext, path: string, query: Record<string, string>): URL {
  return new URL(
    `${ctx.settings.base_url.replace(/\/$/, '')}/api/pat-public/${path}?${new URLSearchParams(query)}`,
  );
}

const DOSE_BY_INJECTION: Readonly<Record<string, Dose>> = {
  FIRST: 'first',
  SECOND: 'second',
  THIRD: 'booster',
  BOOSTER: 'booster',
};

/** Maiia's `injectionType` says a reason is an injection (FIRST…); NONE or absent leaves it to the name. */
function isVaccination(reason: MaiiaConsultationReason): boolean {
  const says = reason.injectionType && reason.injectionType in DOSE_BY_INJECTION ? true : undefined;
  return isCovidVaccination(reason.name, { platform: says });
}

function doseOf(reason: MaiiaConsultationReason): Dose {
  return DOSE_BY_INJECTION[reason.injectionType ?? ''] ?? doseFromText(reason.name);
}

export default defineAdapter({
  name: maiia.name,
  defaultBaseUrl: 'https://www.maiia.com',
  claims: (url) => maiia.parseBookingLink(url) !== null,

  async fetchAvailability(centre, ctx) {
    const centerId = maiia.parseBookingLink(centre.booking.url ?? '')?.centerId;
    if (!centerId) throw new ProviderError('not_found', 'the Maiia link carries no centerid=');
    const reasons = await getJson(
      ctx,
      api(ctx, 'consultation-reason-hcd', { rootCenterId: centerId }),
      MaiiaConsultationReasons,
    );
    const vaccination = reasons.items.filter(isVaccination);
    if (vaccination.length === 0) return noVaccinationMotive(centre.booking.url);
    const zone = timeZoneOf(centre);
    const now = ctx.now().getTime();
    const tally = new SlotTally(now, ctx.settings.horizon_days);
    const to = new Date(tally.untilMs).toISOString();

    for (const reason of vaccination) {
      const common = { centerId, consultationReasonName: reason.name };
      const closest = await getJson(
        ctx,
        api(ctx, 'availability-closests', { ...common, from: new Date(now).toISOString() }),
        MaiiaClosest,
      );
      const first = closest.firstPhysicalStartDateTime;
      if (!first) continue;
      const firstMs = instantMs(first);
      tally.noteNext(firstMs);
      if (firstMs >= tally.untilMs) continue;

      const dose = doseOf(reason);
      const vaccine = vaccineFromText(reason.name);
      const from = new Date(Math.max(now, firstMs)).toISOString();
      const counted = tally.size;
      for (let page = 0, seen = 0; page < MAX_PAGES; page++) {
        const answer = await getJson(
          ctx,
          api(ctx, 'availabilities', { ...common, from, to, page: String(page), limit: String(PAGE_SIZE) }),
          MaiiaAvailabilities,
        );
        for (const item of answer.items) {
          tally.add({ agenda: item.practitionerId, startMs: instantMs(item.startDateTime), dose, vaccine });
        }
        seen += answer.items.length;
        if (answer.items.length < PAGE_SIZE || seen >= answer.total) break;
      }
      if (dose === 'first')
        tally.noteSecondDoseDelay(reason.nextAppointmentDelayInDays, 1 + tally.size - counted);
    }
    return { ...tally.summarise(zone), booking_url: centre.booking.url };
  },
});
