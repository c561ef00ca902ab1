import pino from 'pino';
import { type AdapterContext, createAdapterContext, defaultFetch } from '../../src/adapters/context.ts';
import smart, { type SmartOptions } from '../../src/adapters/smart/adapter.ts';
import type { ProviderSettingsInput } from '../../src/config/provider-settings.ts';

export const SD = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
export const NOW = new Date('2021-04-20T08:00:00Z');

/** A `$bulk-publish` manifest listing these files. */
export function manifest(files: ReadonlyArray<{ type: string; url: string }>): string {
  return JSON.stringify({ transactionTime: '2021-04-20T07:00:00Z', output: files, error: [] });
}

export const oneLocation = (telecom: Array<{ system: string; value: string }> = []) =>
  `${JSON.stringify({ resourceType: 'Location', id: 'loc-1', name: 'Centre du test', telecom })}\n`;

/** The SMART adapter's context as the poller builds it, on undici's real fetch (real redirects). */
export function smartContext(settings: ProviderSettingsInput): AdapterContext<SmartOptions> {
  return createAdapterContext(smart, {
    settings: { timeout_ms: 10_000, rate_limit: { requests: 1000, per_seconds: 1 }, ...settings },
    fetch: defaultFetch(),
    now: () => NOW,
    logger: pino({ level: 'silent' }),
  });
}
