import { z } from 'zod';
import { ProviderInstant } from '../dates.ts';

/** SMART Scheduling Links `$bulk-publish` manifest (FHIR Bulk Data output). */
export const SmartManifest = z.object({
  transactionTime: ProviderInstant,
  output: z.array(z.object({ type: z.string(), url: z.string().min(1) })),
  error: z.array(z.unknown()).optional(),
});
export type SmartManifest = z.infer<typeof SmartManifest>;

const Extension = z.object({
  url: z.string(),
  valueUrl: z.string().optional(),
  valueString: z.string().optional(),
  valueInteger: z.int().optional(),
  /** `has-availability` (some | none | unknown), which aggregators put on Schedules. */
  valueCode: z.string().optional(),
  valueCoding: z
    .object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() })
    .optional(),
});
export type SmartExtension = z.infer<typeof Extension>;

export const SmartLocation = z.object({
  resourceType: z.literal('Location'),
  id: z.string().min(1),
  name: z.string().min(1),
  telecom: z.array(z.object({ system: z.string(), value: z.string() })).default([]),
  address: z
    .object({
      line: z.array(z.string()).default([]),
      city: z.string().optional(),
      postalCode: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
  position: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string() })).default([]),
});
export type SmartLocation = z.infer<typeof SmartLocation>;

export const SmartSchedule = z.object({
  resourceType: z.literal('Schedule'),
  id: z.string().min(1),
  actor: z.array(z.object({ reference: z.string() })).min(1),
  extension: z.array(Extension).default([]),
});
export type SmartSchedule = z.infer<typeof SmartSchedule>;

export const SmartSlot = z.object({
  resourceType: z.literal('Slot'),
  id: z.string().optional(),
  schedule: z.object({ reference: z.string() }),
  status: z.string(),
  start: ProviderInstant,
  end: ProviderInstant.optional(),
  extension: z.array(Extension).default([]),
});
export type SmartSlot = z.infer<typeof SmartSlot>;

const REGISTRY = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
export const EXTENSION = {
  bookingDeepLink: `${REGISTRY}booking-deep-link`,
  bookingPhone: `${REGISTRY}booking-phone`,
  slotCapacity: `${REGISTRY}slot-capacity`,
  vaccineDose: `${REGISTRY}vaccine-dose`,
  vaccineProduct: `${REGISTRY}vaccine-product`,
  hasAvailability: `${REGISTRY}has-availability`,
} as const;

/** FHIR's extension on `meta` saying when an aggregator last had the data from its source. */
export const LAST_SOURCE_SYNC = 'http://hl7.org/fhir/StructureDefinition/lastSourceSync';

export function extension(extensions: readonly SmartExtension[], url: string): SmartExtension | undefined {
  return extensions.find((e) => e.url === url);
}
