import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';
import { dateTimeParts } from '../shared/time.ts';

/** "à 10 h 42" (today in `timeZone`) or "le 3 décembre à 10 h 42", in the page's language. */
export function statusClock(at: Date, now: Date, timeZone = DEFAULT_TIME_ZONE, t: Messages = fr): string {
  const parts = (date: Date) =>
    dateTimeParts(date, t.intl, {
      timeZone,
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  const end = parts(at);
  const today = parts(now);
  return t.statut.at(end, end.day === today.day && end.month === today.month);
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
