import type { BookingPlatform } from '../registry/centre.ts';
import type { ScopeFigures } from './figures.ts';

export interface PlatformShare {
  platform: BookingPlatform;
  centres: number;
  slots: number;
  /** Fraction (0–1) of the scope's centres; null when the scope has none. */
  centres_share: number | null;
  /** Fraction (0–1) of the scope's slots; null when there are no slots at all. */
  slots_share: number | null;
}

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Each booking platform's part of a scope's centres and slots, most centres first. */
export function platformShares(figures: ScopeFigures): PlatformShare[] {
  return Object.entries(figures.platforms)
    .flatMap(([platform, counts]) =>
      counts
        ? [
            {
              platform: platform as BookingPlatform,
              centres: counts.centres,
              slots: counts.slots,
              centres_share: share(counts.centres, figures.centres),
              slots_share: share(counts.slots, figures.slots),
            },
          ]
        : [],
    )
    .sort((a, b) => b.centres - a.centres || b.slots - a.slots || a.platform.localeCompare(b.platform));
}
