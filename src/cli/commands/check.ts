import { parseArgs } from 'node:util';
import { type Logger, pino } from 'pino';
import type { Availability } from '../../adapters/availability.ts';
import { type AdapterContext, createAdapterContext } from '../../adapters/context.ts';
import { type Adapter, failedAvailability } from '../../adapters/define-adapter.ts';
import { ProviderError } from '../../adapters/errors.ts';
import { adapterClaiming } from '../../adapters/registry.ts';
import smart, { discoverFeedCentres, type SmartOptions } from '../../adapters/smart/adapter.ts';
import smartPlatform from '../../adapters/smart/platform.ts';
import type { CreneauConfig, ProviderName } from '../../config/creneau-config.ts';
import { dataDir } from '../../config/data-dir.ts';
import { ConfigError, loadConfig } from '../../config/load-config.ts';
import { timeZoneOf } from '../../geo/time-zone.ts';
import { getGazetteer } from '../../places/gazetteer.ts';
import { manifest } from '../../platforms/manifest.ts';
import { parseBookingUrl } from '../../registry/booking-platform.ts';
import type { Centre } from '../../registry/centre.ts';
import { repairLink } from '../../registry/import/link-repair.ts';
import { loadRegistry } from '../../registry/load-registry.ts';
import { RegistryFileError } from '../../registry/store.ts';
import { unpollableLinks } from '../../registry/unpollable-links.ts';
import { createLogger } from '../../shared/logger.ts';
import { SimulatorModeError, startEmbeddedProviders } from '../../simulator/embedded.ts';
import { type CheckedTarget, formatCheck } from '../check/format.ts';
import { centreFromUrl, centreWithUrl } from '../check/target.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau check <booking-url> [--json] | creneau check --unpollable';

/** What each platform's links look like (the manifest's examples), to say which URLs `check` reads. */
function platformList(): string {
  return manifest.platforms.map((p) => `  ${p.name.padEnd(9)} ${p.linkExample}`).join('\n');
}

class UsageError extends Error {}

const CHECK_OPTIONS = { json: { type: 'boolean' }, unpollable: { type: 'boolean' } } as const;

function parseCheckArgs(args: string[]): { url: URL; json: boolean } | { unpollable: true } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof CHECK_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.unpollable) {
    if (parsed.positionals.length > 0) throw new UsageError('--unpollable takes no URL.');
    return { unpollable: true };
  }
  const [raw, ...extra] = parsed.positionals;
  if (!raw || extra.length > 0) throw new UsageError('expected exactly one booking URL.');
  // A link copied from an e-mail is checked at the platform itself, not through the redirector.
  const url = parseBookingUrl(repairLink(raw.trim()).url);
  if (!url) throw new UsageError(`"${raw}" is not an http(s) URL.`);
  return { url, json: parsed.values.json === true };
}

/** `--unpollable`: the registry's links that their platform cannot poll, per platform, with why. */
function formatUnpollable(centres: readonly Centre[]): string {
  const links = unpollableLinks(centres);
  if (links.length === 0) return 'Every booking link of the registry can be polled.\n';
  const lines: string[] = [];
  for (const platform of manifest.booking) {
    const own = links.filter((link) => link.platform === platform.name);
    if (own.length === 0) continue;
    lines.push(`${platform.label}: ${own.length} link${own.length > 1 ? 's' : ''} not polled`);
    for (const link of own)
      lines.push(`  ${link.centre.id} ${link.centre.name}: ${link.reason}: ${link.url}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Checked {
  target: CheckedTarget;
  availability: Availability;
}

interface Target {
  centre: Centre;
  inRegistry: boolean;
}

interface Plan {
  adapter: Adapter;
  provider: ProviderName;
  /** A SMART manifest given on the command line: it is the feed's base URL, whatever the config says. */
  feedBaseUrl: string | null;
  /** The centres to check: one for a booking link, every location for a SMART feed's manifest. */
  targets(ctx: AdapterContext): Promise<Target[]>;
  /** Whom a failure before any centre was asked is about; null: the feed's manifest. */
  subject: Target | null;
}

/** One check: the provider's settings from the config, or the embedded simulator where none is set. */
async function runChecks(plan: Plan, config: CreneauConfig, centres: readonly Centre[]): Promise<Checked[]> {
  const { adapter, provider, feedBaseUrl } = plan;
  // An operator checks a link even on a provider the poller leaves alone.
  const forced = {
    ...config,
    providers: { ...config.providers, [provider]: { ...config.providers[provider], enabled: true } },
  };
  if (feedBaseUrl !== null) {
    const configured = forced.providers.smart;
    // The configured feed's credentials go to that feed's host only, never to a URL typed here.
    const sameHost =
      configured.base_url && new URL(configured.base_url).origin === new URL(feedBaseUrl).origin;
    forced.providers.smart = {
      ...configured,
      base_url: feedBaseUrl,
      headers: sameHost ? configured.headers : {},
    };
  }
  const embedded = await startEmbeddedProviders(centres, forced, { only: [provider] });
  try {
    const settings = embedded.providers[provider];
    const ctx = createAdapterContext(adapter, { settings, centres: () => centres, logger: stderrLogger() });
    const simulated = embedded.simulated.includes(provider);
    const targets = await plan.targets(ctx).catch((error: unknown) => {
      if (!(error instanceof ProviderError)) throw error;
      return error;
    });
    if (targets instanceof ProviderError) {
      // The feed itself failed before any centre could be asked: report it as an availability would.
      const subject = plan.subject ?? {
        centre: centreFromUrl(new URL(`${ctx.settings.base_url.replace(/\/$/, '')}/$bulk-publish`)),
        inRegistry: false,
      };
      return [
        {
          target: targetOf(subject.centre, subject.inRegistry, ctx.settings.base_url, simulated),
          availability: feedFailure(ctx, subject.centre, targets),
        },
      ];
    }
    const checked: Checked[] = [];
    for (const { centre, inRegistry } of targets) {
      const availability = await adapter.fetchAvailability(centre, ctx);
      checked.push({ target: targetOf(centre, inRegistry, ctx.settings.base_url, simulated), availability });
    }
    return checked;
  } finally {
    await embedded.close();
  }
}

/**
 * Logs go to stderr so that stdout stays the availability (valid JSON with --json); warnings are kept,
 * as they carry the path of the first mismatch when a provider's answer does not fit its schema.
 */
function stderrLogger(): Logger {
  return createLogger({ fallbackLevel: 'warn', destination: pino.destination(2) });
}

function targetOf(centre: Centre, inRegistry: boolean, baseUrl: string, simulated: boolean): CheckedTarget {
  return {
    centre: { id: centre.id, name: centre.name, inRegistry },
    zone: timeZoneOf(centre),
    baseUrl,
    simulated,
  };
}

/** An availability carrying a failure met before any centre could be asked (the SMART manifest). */
function feedFailure(ctx: AdapterContext, centre: Centre, error: ProviderError): Availability {
  const base = {
    provider: ctx.provider,
    checked_at: ctx.now().toISOString(),
    horizon_days: ctx.settings.horizon_days,
  };
  return failedAvailability(centre, base, error);
}

/** Decides which adapter reads the URL and which centres it asks about; null when none can. */
function planFor(url: URL, centres: readonly Centre[]): Plan | null {
  const known = centreWithUrl(centres, url);
  const claimed = adapterClaiming(url);
  const platform = claimed ? manifest.named(claimed.name) : undefined;
  if (claimed && platform?.kind === 'booking') {
    const target = { centre: known ?? centreFromUrl(url), inRegistry: known !== undefined };
    return {
      adapter: claimed,
      provider: platform.name,
      feedBaseUrl: null,
      targets: async () => [target],
      subject: target,
    };
  }
  const smartAdapter = smart as Adapter;
  const feedOf = (ctx: AdapterContext) => discoverFeedCentres(ctx as AdapterContext<SmartOptions>);
  const feedLink = smartPlatform.parseBookingLink(url);
  if (claimed?.name === smartPlatform.name && feedLink) {
    // A feed's manifest: every location it lists, matched to the registry or as a centre of its own.
    return {
      adapter: smartAdapter,
      provider: smartPlatform.name,
      feedBaseUrl: feedLink.feedBase,
      subject: null,
      async targets(ctx) {
        const { matched, centres: own } = await feedOf(ctx);
        return [
          ...centres.filter((c) => matched.has(c.id)).map((centre) => ({ centre, inRegistry: true })),
          ...own.map((centre) => ({ centre, inRegistry: false })),
        ];
      },
    };
  }
  if (known?.booking.platform === 'other') {
    // A centre booking on its own site: the SMART feed may publish its slots.
    const target = { centre: known, inRegistry: true };
    return {
      adapter: smartAdapter,
      provider: smartPlatform.name,
      feedBaseUrl: null,
      subject: target,
      async targets(ctx) {
        const { matched } = await feedOf(ctx);
        if (!matched.has(known.id))
          throw new ProviderError('not_found', `the SMART feed does not list centre ${known.id}`);
        return [target];
      },
    };
  }
  return null;
}

async function run(args: string[]): Promise<number> {
  let checkArgs: ReturnType<typeof parseCheckArgs>;
  try {
    checkArgs = parseCheckArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`creneau check: ${error.message}\nUsage: ${USAGE}\n`);
    return 2;
  }

  let config: CreneauConfig;
  let centres: readonly Centre[];
  try {
    config = await loadConfig();
    centres = (await loadRegistry(getGazetteer(), dataDir())).centres;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof RegistryFileError)) throw error;
    process.stderr.write(`creneau check: ${error.message}\n`);
    return 2;
  }

  if ('unpollable' in checkArgs) {
    process.stdout.write(formatUnpollable(centres));
    return 0;
  }
  const { url, json } = checkArgs;
  const plan = planFor(url, centres);
  if (!plan) {
    process.stderr.write(
      `creneau check: no platform Créneau reads claims ${url.href}\nSupported links:\n${platformList()}\n`,
    );
    return 2;
  }

  // A link its platform cannot poll is said so, with why, rather than asked and answered "not found".
  const subject = plan.subject?.centre.booking.url;
  const problem = subject ? manifest.named(plan.provider)?.pollProblem?.(subject) : null;
  if (problem && manifest.named(plan.provider)?.kind === 'booking') {
    process.stderr.write(
      `creneau check: ${manifest.named(plan.provider)?.label} cannot be polled for ${subject}: ${problem}.\n`,
    );
    return 1;
  }

  let checked: Checked[];
  try {
    checked = await runChecks(plan, config, centres);
  } catch (error) {
    if (!(error instanceof SimulatorModeError)) throw error;
    process.stderr.write(`creneau check: ${error.message}\n`);
    return 2;
  }

  if (json) {
    const availabilities = checked.map((c) => c.availability);
    process.stdout.write(
      `${JSON.stringify(availabilities.length === 1 ? availabilities[0] : availabilities, null, 2)}\n`,
    );
  } else {
    process.stdout.write(checked.map((c) => formatCheck(c.target, c.availability)).join('\n'));
    const simulated = checked.find((c) => c.target.simulated);
    if (simulated) {
      const variable = `${manifest.named(plan.provider)?.envPrefix}BASE_URL`;
      process.stderr.write(
        `Note : aucune base_url n'est configurée pour ${plan.provider} ; c'est le simulateur local qui a répondu, sur les centres du registre. Pour interroger la plateforme elle-même : ${variable} (ou providers.${plan.provider}.base_url).\n`,
      );
    }
  }
  return checked.every((c) => c.availability.error === null) ? 0 : 1;
}

export const command: CliCommand = {
  summary: 'Fetch one booking link once and print its availability or the precise error.',
  usage: `${USAGE}

  <booking-url>  a centre's booking link (${manifest.booking.map((p) => p.label).join(', ')}), a SMART feed's $bulk-publish URL,
                 or the link of a registry centre that a SMART feed publishes
  --json         print the normalised Availability as JSON (an array for a SMART feed)
  --unpollable   list the registry's booking links that their platform cannot poll, and why

Settings come from creneau.config.json and CRENEAU_<PROVIDER>_* variables; a provider without base_url
is asked through the embedded simulator, on the registry's centres (CRENEAU_SIMULATOR=off: its real host).
Exit codes: 0 availability known, 1 the provider answered with an error or cannot be polled for that link, 2 usage error.`,
  run,
};
