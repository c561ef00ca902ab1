import { z } from 'zod';
import { timeZoneOf } from '../../geo/time-zone.ts';
import { parseBookingUrl } from '../../registry/booking-platform.ts';
import type { Centre } from '../../registry/centre.ts';
import type { Dose } from '../availability.ts';
import { vaccineFromText } from '../classify.ts';
import type { AdapterContext } from '../context.ts';
import { defineAdapter } from '../define-adapter.ts';
import { ProviderError } from '../errors.ts';
import { SlotTally } from '../slot-tally.ts';
import { type Feed, loadFeed } from './feed.ts';
import { feedPhone } from './feed-fields.ts';
import { centreOfLocation, matchLocations } from './match.ts';
import smart from './platform.ts';
import { EXTENSION, extension, type SmartSchedule } from './schemas.ts';

export const SmartOptions = z.strictObject({
  /** How far a feed location may be from a registry centre of similar name to be the same place. */
  match_radius_m: z.number().positive().default(200),
  min_name_similarity: z.number().min(0).max(1).default(0.5),
});
export type SmartOptions = z.infer<typeof SmartOptions>;

/** CVX codes of the COVID-19 vaccines (CDC). */
const VACCINE_BY_CVX: Readonly<Record<string, string>> = {
  '207': 'Moderna',
  '208': 'Pfizer-BioNTech',
  '210': 'AstraZeneca',
  '212': 'Janssen',
  '211': 'Novavax',
};

function doseOf(schedule: SmartSchedule): Dose {
  const dose = extension(schedule.extension, EXTENSION.vaccineDose)?.valueInteger;
  if (dose === 1) return 'first';
  if (dose === 2) return 'second';
  if (dose !== undefined && dose >= 3) return 'booster';
  return 'unknown';
}

function vaccineOf(schedule: SmartSchedule): string | null {
  const coding = extension(schedule.extension, EXTENSION.vaccineProduct)?.valueCoding;
  return VACCINE_BY_CVX[coding?.code ?? ''] ?? vaccineFromText(coding?.display ?? '');
}

/** A schedule's agenda: the practitioner or service it books, else the schedule itself. */
function agendaOf(schedule: SmartSchedule): string {
  return (
    schedule.actor.find((a) => !a.reference.startsWith('Location/'))?.reference ?? `Schedule/${schedule.id}`
  );
}

const matchCache = new WeakMap<Feed, { centres: readonly Centre[]; matches: Map<string, string> }>();

function matchesOf(feed: Feed, ctx: AdapterContext<SmartOptions>): Map<string, string> {
  const centres = ctx.centres();
  const cached = matchCache.get(feed);
  if (cached && cached.centres === centres) return cached.matches;
  const matches = matchLocations(feed.locations, centres, {
    radiusM: ctx.options.match_radius_m,
    minSimilarity: ctx.options.min_name_similarity,
  });
  matchCache.set(feed, { centres, matches });
  return matches;
}

/**
 * What the feed adds to the registry: registry centres it matched (centre id → location id), and
 * its other locations as centres of their own, to be polled with this adapter.
 */
export async function discoverFeedCentres(
  ctx: AdapterContext<SmartOptions>,
): Promise<{ matched: ReadonlyMap<string, string>; centres: Centre[] }> {
  const feed = await loadFeed(ctx);
  const matched = matchesOf(feed, ctx);
  const taken = new Set(matched.values());
  const centres = feed.locations
    .filter((l) => !taken.has(l.id))
    .map((l) => centreOfLocation(l, feed.transactionTime));
  return { matched, centres };
}

export default defineAdapter({
  name: smart.name,
  defaultBaseUrl: 'https://raw.githubusercontent.com/smart-on-fhir/smart-scheduling-links/master/examples',
  optionsSchema: SmartOptions,
  claims: (url) => smart.parseBookingLink(url) !== null,
  claimsCentre: (centre) => centre.source.kind === 'feed',

  async fetchAvailability(centre, ctx) {
    const feed = await loadFeed(ctx);
    const locationId = centre.source.kind === 'feed' ? centre.source.id : matchesOf(feed, ctx).get(centre.id);
    const location = feed.locations.find((l) => l.id === locationId);
    if (!location) throw new ProviderError('not_found', `no location of the feed is centre ${centre.id}`);

    const schedules = new Map(
      feed.schedules
        .filter((s) => s.actor.some((a) => a.reference === `Location/${location.id}`))
        .map((s) => [s.id, s]),
    );
    const zone = timeZoneOf(centre);
    const tally = new SlotTally(ctx.now().getTime(), ctx.settings.horizon_days);
    let first: { startMs: number; deepLink: string | null; phone: string | null } | undefined;
    const nowMs = ctx.now().getTime();
    for (const slot of feed.slots) {
      const schedule = schedules.get(slot.scheduleId);
      if (!schedule) continue;
      // A coarse slot ("between 9 a.m. and 5 p.m.", spec "Slot File") already under way can still be
      // booked: it counts from now.
      const startMs =
        slot.endMs !== null && slot.startMs < nowMs && slot.endMs > nowMs ? nowMs : slot.startMs;
      tally.add({
        agenda: agendaOf(schedule),
        startMs,
        dose: doseOf(schedule),
        vaccine: vaccineOf(schedule),
        capacity: slot.capacity,
      });
      if (startMs >= nowMs && (!first || startMs < first.startMs)) first = { ...slot, startMs };
    }
    const locationUrl = parseBookingUrl(location.telecom.find((t) => t.system === 'url')?.value)?.href;
    const locationPhone =
      location.telecom.map((t) => (t.system === 'phone' ? feedPhone(t.value) : null)).find(Boolean) ?? null;
    // An aggregator's `has-availability: unknown` (spec, "Slot Aggregators") on every schedule of a
    // location without slots means its source could not tell: that is not "no slots".
    const unknownUpstream =
      tally.size === 0 &&
      schedules.size > 0 &&
      [...schedules.values()].every(
        (s) => extension(s.extension, EXTENSION.hasAvailability)?.valueCode === 'unknown',
      );
    return {
      ...tally.summarise(zone),
      ...(unknownUpstream ? { status: 'unknown' as const } : {}),
      booking_url: parseBookingUrl(first?.deepLink)?.href ?? locationUrl ?? centre.booking.url,
      booking_phone: first?.phone ?? locationPhone ?? centre.phones[0] ?? null,
    };
  },
});
