import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';
import { clockParts } from './clock-parts.ts';

/** "à 10 h 42" (today in `timeZone`) or "le 3 décembre à 10 h 42", in the page's language. */
export function statusClock(at: Date, now: Date, timeZone = DEFAULT_TIME_ZONE, t: Messages = fr): string {
  return t.statut.at(...clockParts(at.getTime(), now.getTime(), timeZone, t));
}

/**
 * What `/statut` says of a provider's circuit: while the provider has us wait (`Retry-After` on a
 * 429 or 503) it is "en pause (429, reprise à 10 h 42)", Paris time, whatever the breaker says; a
 * pause ending on another day names the day.
 */
export function providerStateLabel(
  stats: Pick<ProviderStats, 'breaker' | 'paused_until' | 'paused_status'>,
  now: Date,
  timeZone = DEFAULT_TIME_ZONE,
  t: Messages = fr,
): string {
  const until = stats.paused_until ? Date.parse(stats.paused_until) : Number.NaN;
  if (!(until > now.getTime())) return t.statut.breakers[stats.breaker.state];
  return t.statut.paused(stats.paused_status ?? 429, statusClock(new Date(until), now, timeZone, t));
}
