import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import type { ProviderStats } from '../poller/provider-stats.ts';
import { statusClock } from './provider-state.ts';

/** Above this share of failed checks in the last hour, a platform with a closed breaker "answers badly". */
export const FAILING_SHARE = 0.25;

type StatusStats = Pick<
  ProviderStats,
  | 'provider'
  | 'enabled'
  | 'breaker'
  | 'paused_until'
  | 'paused_status'
  | 'error_rate'
  | 'polls_last_hour'
  | 'failed_polls_last_hour'
>;

/**
 * The plain sentences `/statut` opens with, for someone who is not an engineer: "Tout fonctionne",
 * or which platform has trouble since when (the breaker's opening), which one asked us to wait and
 * until when, which one answers badly; then what it means for the centres. Built only from the
 * poller's provider stats; `label` turns a provider name into its brand.
 */
export function statusSentences(
  providers: readonly StatusStats[],
  now: Date,
  label: (provider: string) => string,
  t: Messages = fr,
  timeZone = DEFAULT_TIME_ZONE,
): string[] {
  const words = t.statut;
  if (providers.length === 0) return [words.noPollYet];
  const percent = new Intl.NumberFormat(t.intl, { style: 'percent', maximumFractionDigits: 0 });
  const troubles: string[] = [];
  for (const stats of providers) {
    const name = label(stats.provider);
    const pausedUntil = stats.paused_until ? Date.parse(stats.paused_until) : Number.NaN;
    if (!stats.enabled) continue;
    if (pausedUntil > now.getTime())
      troubles.push(words.pausedUntil(name, statusClock(new Date(pausedUntil), now, timeZone, t)));
    else if (stats.breaker.state !== 'closed')
      troubles.push(
        stats.breaker.opened_at
          ? words.troubleSince(name, statusClock(new Date(stats.breaker.opened_at), now, timeZone, t))
          : words.troubleNow(name),
      );
    else if (stats.error_rate !== null && stats.polls_last_hour > 0 && stats.error_rate >= FAILING_SHARE)
      troubles.push(words.failingShare(name, percent.format(stats.error_rate)));
  }
  if (troubles.length === 0) return [words.allGood];
  const others = providers.filter((p) => p.enabled).length > troubles.length ? [words.othersFine] : [];
  return [...troubles, ...others, words.consequence];
}
