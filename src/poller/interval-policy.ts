import type { PollerSettings } from '../config/poller-settings.ts';
import type { CentreState } from './centre-state.ts';

export type IntervalClass = 'active' | 'quiet' | 'dormant' | 'offline';

/**
 * How soon a centre is worth asking again: often while it has slots or just changed (slots go in
 * minutes), less when it shows none, rarely when it has shown none for days, and almost never when
 * there is nothing to ask (phone only, no online booking).
 */
export function intervalClass(
  state: Pick<CentreState, 'availability' | 'changed_at'>,
  makesRequests: boolean,
  now: Date,
  intervals: PollerSettings['intervals'],
): IntervalClass {
  if (!makesRequests) return 'offline';
  const availability = state.availability;
  if (!availability || availability.status === 'some') return 'active';
  const changedAgoS = state.changed_at ? (now.getTime() - Date.parse(state.changed_at)) / 1000 : Infinity;
  if (changedAgoS < intervals.recent_change_s) return 'active';
  if (changedAgoS >= intervals.dormant_after_s) return 'dormant';
  return 'quiet';
}

export function refreshIntervalS(
  state: Pick<CentreState, 'availability' | 'changed_at'>,
  makesRequests: boolean,
  now: Date,
  intervals: PollerSettings['intervals'],
): number {
  switch (intervalClass(state, makesRequests, now, intervals)) {
    case 'active':
      return intervals.active_s;
    case 'quiet':
      return intervals.quiet_s;
    case 'dormant':
      return intervals.dormant_s;
    case 'offline':
      return intervals.offline_s;
  }
}

/** A centre's first poll after start: spread over the spread window (or its interval) so polls do not burst. */
export function initialDelayMs(intervalS: number, spreadS: number, random: () => number): number {
  return Math.floor(random() * Math.min(intervalS, spreadS) * 1000);
}
