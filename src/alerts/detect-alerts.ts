import { bookingLink } from '../api/centre-json.ts';
import {
  hasSlots,
  type PublicAvailability,
  publicAvailability,
} from '../availability/public-availability.ts';
import type { AlertSettings } from '../config/alert-settings.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import type { Centre } from '../registry/centre.ts';
import type { SearchSources } from '../search/sources.ts';
import { type AlertEvent, alertEventId } from './alert-event.ts';

/** Every centre with what it showed at one availability version. */
export type AvailabilitySnapshot = ReadonlyMap<string, { centre: Centre; availability: PublicAvailability }>;

export type DetectionSettings = Pick<AlertSettings, 'min_slots' | 'dedup_window_s' | 'public_url'>;

export function takeSnapshot(
  app: Pick<SearchSources, 'centres' | 'availability'>,
  now: Date,
): AvailabilitySnapshot {
  const snapshot = new Map<string, { centre: Centre; availability: PublicAvailability }>();
  for (const centre of app.centres.all())
    snapshot.set(centre.id, {
      centre,
      availability: publicAvailability(app.availability.state(centre.id), now),
    });
  return snapshot;
}

function usable(availability: PublicAvailability, minSlots: number): boolean {
  return hasSlots(availability) && availability.slot_count >= minSlots;
}

/**
 * The centres whose slots appeared between two snapshots: at least `min_slots` now, fewer (or none,
 * or a non-`some` status) before. A centre that alerted within `dedup_window_s` stays quiet even if
 * its slots flap. A centre never polled before (`valid_at` null) is not "appearing": it is being
 * seen for the first time, and alerting then would announce every centre at each start.
 * A value already stale when seen does not alert either: nobody should run to a slot we saw long ago.
 */
export function detectAlerts(
  previous: AvailabilitySnapshot,
  current: AvailabilitySnapshot,
  now: Date,
  settings: DetectionSettings,
  recentAlerts: ReadonlyArray<Pick<AlertEvent, 'centre_id' | 'detected_at'>>,
): AlertEvent[] {
  const windowStart = now.getTime() - settings.dedup_window_s * 1000;
  const quiet = new Set(
    recentAlerts
      .filter((alert) => Date.parse(alert.detected_at) > windowStart)
      .map((alert) => alert.centre_id),
  );
  const detectedAt = now.toISOString();
  const events: AlertEvent[] = [];
  for (const [centreId, { centre, availability }] of current) {
    if (quiet.has(centreId)) continue;
    if (!usable(availability, settings.min_slots) || availability.freshness !== 'fresh') continue;
    const before = previous.get(centreId)?.availability;
    if (!before?.valid_at || usable(before, settings.min_slots)) continue;
    events.push(alertEvent(centre, availability, detectedAt, settings.public_url));
  }
  return events;
}

function alertEvent(
  centre: Centre,
  availability: PublicAvailability,
  detectedAt: string,
  origin: string,
): AlertEvent {
  return {
    id: alertEventId(centre.id, detectedAt),
    centre_id: centre.id,
    centre_name: centre.name,
    commune: { insee: centre.commune.insee, name: centre.commune.name },
    departement: centre.departement,
    location: centre.location ? { lat: centre.location.lat, lon: centre.location.lon } : null,
    slot_count: availability.slot_count ?? 0,
    next_slot: availability.next_slot,
    booking_link: centre.booking.url ? `${origin}${bookingLink(centre)}` : null,
    centre_url: `${origin}/centres/${encodeURIComponent(centre.id)}`,
    time_zone: timeZoneOf(centre),
    detected_at: detectedAt,
  };
}
