import { z } from 'zod';
import type { AvailabilityView } from '../availability/availability-view.ts';
import { hasSlots, publicAvailability } from '../availability/public-availability.ts';
import { BookingPlatform, type Centre } from '../registry/centre.ts';

const count = z.int().nonnegative();

/** Centres and slots of one booking platform within a scope; shares are derived from these counts. */
export const PlatformFigures = z.strictObject({ centres: count, slots: count });
export type PlatformFigures = z.infer<typeof PlatformFigures>;

/** What one sample says about one scope (France or a département). */
export const ScopeFigures = z.strictObject({
  centres: count,
  centres_with_slots: count,
  /** Sum of the centres' `slot_count`: free appointments within each provider's horizon, not doses. */
  slots: count,
  /** Centres whose availability is not known (never polled successfully, or the provider could not tell). */
  centres_unknown: count,
  /** Centres shown with an old answer: their last successful poll is older than their refresh allows. */
  centres_stale: count,
  /** By the booking platform of the centre's booking link (`none` = no online booking). */
  platforms: z.partialRecord(BookingPlatform, PlatformFigures),
});
export type ScopeFigures = z.infer<typeof ScopeFigures>;

/** One line of a series file: a scope's figures at one instant. */
export const StatsPoint = ScopeFigures.extend({ at: z.iso.datetime({ offset: true }) });
export type StatsPoint = z.infer<typeof StatsPoint>;

/** One sample of every scope at once. */
export interface StatsSample {
  at: string;
  france: ScopeFigures;
  /** Only the départements that have centres. */
  departements: Map<string, ScopeFigures>;
}

function emptyFigures(): ScopeFigures {
  return { centres: 0, centres_with_slots: 0, slots: 0, centres_unknown: 0, centres_stale: 0, platforms: {} };
}

function add(figures: ScopeFigures, platform: BookingPlatform, slots: number, flags: Flags): void {
  figures.centres++;
  if (flags.withSlots) figures.centres_with_slots++;
  figures.slots += slots;
  if (flags.unknown) figures.centres_unknown++;
  if (flags.stale) figures.centres_stale++;
  const perPlatform = figures.platforms[platform] ?? { centres: 0, slots: 0 };
  perPlatform.centres++;
  perPlatform.slots += slots;
  figures.platforms[platform] = perPlatform;
}

interface Flags {
  withSlots: boolean;
  unknown: boolean;
  stale: boolean;
}

/**
 * The figures of every scope as the site shows them at `now`: the same `publicAvailability` and
 * `hasSlots` as the pages, so a statistic never disagrees with what a visitor saw. Slots count only
 * where `hasSlots` holds, like the département API's totals.
 */
export function takeSample(
  view: Pick<AvailabilityView, 'state'>,
  centres: readonly Centre[],
  now: Date,
): StatsSample {
  const france = emptyFigures();
  const departements = new Map<string, ScopeFigures>();
  for (const centre of centres) {
    const availability = publicAvailability(view.state(centre.id), now);
    const withSlots = hasSlots(availability);
    const slots = withSlots ? availability.slot_count : 0;
    const flags = {
      withSlots,
      unknown: availability.status === 'unknown',
      stale: availability.freshness === 'stale',
    };
    add(france, centre.booking.platform, slots, flags);
    if (centre.departement === null) continue;
    let figures = departements.get(centre.departement);
    if (!figures) {
      figures = emptyFigures();
      departements.set(centre.departement, figures);
    }
    add(figures, centre.booking.platform, slots, flags);
  }
  return { at: now.toISOString(), france, departements };
}
