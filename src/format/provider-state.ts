import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';

const BREAKER_LABELS = {
  closed: 'fermé (normal)',
  half_open: 'semi-ouvert (essai)',
  open: 'ouvert (en pause)',
} as const;

/**
 * What `/statut` says of a provider's circuit: while the provider has us wait (`Retry-After` on a
 * 429 or 503) it is "en pause (429, reprise à 10 h 42)", Paris time, whatever the breaker says; a
 * pause ending on another day names the day.
 */
export function providerStateLabel(
  stats: Pick<ProviderStats, 'breaker' | 'paused_until' | 'paused_status'>,
  now: Date,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  const until = stats.paused_until ? Date.parse(stats.paused_until) : Number.NaN;
  if (!(until > now.getTime())) return BREAKER_LABELS[stats.breaker.state];
  const parts = (at: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('fr-FR', {
        timeZone,
        day: 'numeric',
        month: 'long',
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
  const end = parts(new Date(until));
  const today = parts(now);
  const clock = `${Number(end.hour)} h ${end.minute}`;
  const when =
    end.day === today.day && end.month === today.month
      ? `à ${clock}`
      : `le ${end.day} ${end.month} à ${clock}`;
  return `en pause (${stats.paused_status ?? 429}, reprise ${when})`;
}
