import { z } from 'zod';
import { AvailabilitySettings } from '../availability/knowledge-settings.ts';
import { BookingSettings } from '../booking/booking-settings.ts';
import { DiscoverySettings } from '../discovery/discovery-settings.ts';
import { OperatorSettings } from '../operators/access/operator-settings.ts';
import { PairsSettings } from '../pairs/pairs-settings.ts';
import { PLATFORM_NAMES } from '../platforms/manifest.ts';
import { ImportSettings } from '../registry/import/import-settings.ts';
import { StatsSettings } from '../stats/stats-settings.ts';
import { type AlertSettings, AlertSettingsFile } from './alert-settings.ts';
import { PollerSettings } from './poller-settings.ts';
import { ProviderSettings } from './provider-settings.ts';

/**
 * The providers Créneau can poll, the platforms of the manifest (src/platforms/manifest.ts); each has a
 * `providers.<configKey>` section and `CRENEAU_<NAME>_*` variables.
 */
export const PROVIDER_NAMES = PLATFORM_NAMES;
export const ProviderName = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderName>;

/** `creneau.config.json` as operators write it: every key optional, none unknown. */
export const CreneauConfigFile = z.strictObject({
  /** Lets editors find a schema; ignored. */
  $schema: z.string().optional(),
  providers: z
    .strictObject(
      Object.fromEntries(PROVIDER_NAMES.map((name) => [name, ProviderSettings.optional()])) as Record<
        ProviderName,
        z.ZodOptional<typeof ProviderSettings>
      >,
    )
    .default({}),
  /** Refresh intervals, retries, circuit breaker, lease (src/config/poller-settings.ts). */
  poller: PollerSettings.prefault({}),
  /** Slot alerts: thresholds, retention, partners' webhooks (src/config/alert-settings.ts). */
  alerts: AlertSettingsFile.prefault({}),
  /** Statistics sampling: interval, retention (src/stats/stats-settings.ts). */
  stats: StatsSettings.prefault({}),
  /** Booking hosts `/go` redirects to without the "vous quittez Créneau" page (src/booking/booking-settings.ts). */
  booking: BookingSettings.prefault({}),
  /** How long a last good value is shown once a platform fails (src/availability/knowledge-settings.ts). */
  availability: AvailabilitySettings.prefault({}),
  /** `creneau import`: the largest file accepted (src/registry/import/import-settings.ts). */
  import: ImportSettings.prefault({}),
  /** Centre discovery from the platforms: its schedule, automatic acceptance (src/discovery/discovery-settings.ts). */
  discovery: DiscoverySettings.prefault({}),
  /** "Pour deux personnes": each vaccine's documented second-injection interval (src/pairs/pairs-settings.ts). */
  pairs: PairsSettings.prefault({}),
  /** Operator accounts `[{ name, password_hash }]` (`npx creneau operator add <name>`; src/operators/access/operator-settings.ts). */
  operators: OperatorSettings,
});
export type CreneauConfigFileInput = z.input<typeof CreneauConfigFile>;

/** The resolved configuration: every provider present, defaults applied, environment overrides merged. */
export interface CreneauConfig {
  providers: Record<ProviderName, ProviderSettings>;
  poller: PollerSettings;
  alerts: AlertSettings;
  stats: StatsSettings;
  booking: BookingSettings;
  import: ImportSettings;
  /** `discovery.every_hours`, `discovery.auto_accept_identifier_matches` (docs/DISCOVERY.md). */
  discovery: DiscoverySettings;
  /** `availability.expire_after_s`: past it, a last good value is `expired` everywhere. */
  availability: AvailabilitySettings;
  /** `pairs.second_dose_intervals`: when the platform does not state the second-injection date. */
  pairs: PairsSettings;
  /** Operator accounts; none: no operator feature (docs/OPERATORS.md). */
  operators: OperatorSettings;
  /** The config file read, or null when none was (defaults and environment only). */
  source: string | null;
}
