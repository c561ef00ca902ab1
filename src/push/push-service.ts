import type { CacheDriver } from '../cache/cache.ts';
import type { PushService } from './push-api.ts';
import { pushSettingsFromEnv } from './push-settings.ts';
import { createSubscriptionStore } from './subscription-store.ts';

/**
 * Web Push as the environment configures it: null while no VAPID variable is set (push off, the
 * alert page says so); problems (for a ConfigError at start) when they are set but wrong.
 */
export function pushServiceFromEnv(
  env: NodeJS.ProcessEnv,
  cache: CacheDriver,
): { service: PushService | null; problems: string[] } {
  const { settings, problems } = pushSettingsFromEnv(env);
  if (!settings) return { service: null, problems };
  const store = createSubscriptionStore(cache, {
    secret: settings.privateKey,
    keepS: settings.keepS,
    maxSubscriptions: settings.maxSubscriptions,
  });
  return { service: { settings, store }, problems: [] };
}
