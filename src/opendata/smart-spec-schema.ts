import { z } from 'zod';

/**
 * The SMART Scheduling Links rules (smart-on-fhir/smart-scheduling-links, `specification.md`) as
 * zod schemas, strict where the spec says SHALL: what Créneau's publication is checked against.
 * (The adapter's own schemas in src/adapters/smart/ are lenient on purpose: they read other feeds.)
 */

/** "Timestamps": `YYYY-MM-DDThh:mm:ss.sss+zz:zz`, at least to the second, always with an offset. */
export const SpecTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    'timestamp with seconds and offset',
  );

/** Resource ids: "up to 64 alphanumeric characters and may include `-` and `.`". */
const ResourceId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/);
const AbsoluteUrl = z.url({ protocol: /^https?$/ });

const REGISTRY = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
export const SPEC_EXTENSIONS = {
  bookingDeepLink: `${REGISTRY}booking-deep-link`,
  bookingPhone: `${REGISTRY}booking-phone`,
  slotCapacity: `${REGISTRY}slot-capacity`,
  hasAvailability: `${REGISTRY}has-availability`,
  lastSourceSync: 'http://hl7.org/fhir/StructureDefinition/lastSourceSync',
} as const;

export const SpecManifest = z.strictObject({
  transactionTime: SpecTimestamp,
  request: AbsoluteUrl.refine(
    (url) => url.endsWith('$bulk-publish'),
    'the manifest URL ends with $bulk-publish',
  ),
  output: z.array(
    z.strictObject({
      type: z.enum(['Location', 'Schedule', 'Slot', 'Practitioner']),
      url: AbsoluteUrl,
      extension: z.strictObject({ state: z.array(z.string().min(1)).min(1) }).optional(),
    }),
  ),
  error: z.array(z.unknown()),
});

/** "Indicate Data Freshness": `meta.extension` lastSourceSync with a `valueDateTime`. */
const Meta = z.strictObject({
  extension: z.array(
    z.strictObject({ url: z.literal(SPEC_EXTENSIONS.lastSourceSync), valueDateTime: SpecTimestamp }),
  ),
});

const Identifier = z.strictObject({ system: z.string().min(1), value: z.string().min(1) });

export const SpecLocation = z.strictObject({
  resourceType: z.literal('Location'),
  id: ResourceId,
  meta: Meta.optional(),
  identifier: z.array(Identifier).min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  telecom: z.array(z.strictObject({ system: z.enum(['phone', 'url']), value: z.string().min(1) })).min(1),
  address: z.strictObject({
    line: z.array(z.string()),
    city: z.string().min(1),
    state: z.string().min(1),
    postalCode: z.string().min(1),
    district: z.string().optional(),
    country: z.string().optional(),
  }),
  position: z.strictObject({ latitude: z.number(), longitude: z.number() }).optional(),
});

const Coding = z.strictObject({
  system: z.string().min(1),
  code: z.string().min(1),
  display: z.string().optional(),
});

export const SpecSchedule = z.strictObject({
  resourceType: z.literal('Schedule'),
  id: ResourceId,
  meta: Meta.optional(),
  active: z.boolean().optional(),
  serviceType: z.array(z.strictObject({ coding: z.array(Coding).min(1) })).min(1),
  actor: z
    .array(
      z.strictObject({
        reference: z.string().regex(/^(Location|Practitioner)\/[A-Za-z0-9.-]{1,64}$/),
        display: z.string().optional(),
      }),
    )
    .min(1),
  extension: z.array(
    z.strictObject({
      url: z.literal(SPEC_EXTENSIONS.hasAvailability),
      valueCode: z.enum(['some', 'none', 'unknown']),
    }),
  ),
});

const SlotExtension = z.discriminatedUnion('url', [
  z.strictObject({ url: z.literal(SPEC_EXTENSIONS.bookingDeepLink), valueUrl: AbsoluteUrl }),
  z.strictObject({ url: z.literal(SPEC_EXTENSIONS.bookingPhone), valueString: z.string().min(1) }),
  z.strictObject({ url: z.literal(SPEC_EXTENSIONS.slotCapacity), valueInteger: z.int().positive() }),
]);

export const SpecSlot = z
  .strictObject({
    resourceType: z.literal('Slot'),
    id: ResourceId,
    meta: Meta.optional(),
    schedule: z.strictObject({ reference: z.string().regex(/^Schedule\/[A-Za-z0-9.-]{1,64}$/) }),
    status: z.enum(['free', 'busy']),
    start: SpecTimestamp,
    end: SpecTimestamp,
    extension: z.array(SlotExtension).optional(),
  })
  .refine((slot) => Date.parse(slot.start) < Date.parse(slot.end), 'a slot starts before it ends');
