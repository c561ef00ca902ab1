import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { captureText } from '../../fixtures/captures.ts';

/**
 * Schemas of the providers' responses, written after the real captures in ../shared/data (the tests
 * check the captures fit them too), used to check that the simulator answers in the same shapes.
 */

export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
/** A capture's text; a missing one fails with "capture missing: ../shared/data/…" (tests/fixtures/captures.ts). */
export async function readShared(relative: string): Promise<string> {
  return captureText(relative);
}

const withOffset = z.iso.datetime({ offset: true, local: false });
/** SMART's own examples write `-05` offsets; parse them leniently as the spec's readers must. */
const lenientInstant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date-time');

export const DoctolibBooking = z.object({
  data: z.object({
    profile: z.object({ id: z.union([z.string(), z.number()]) }),
    visit_motive_categories: z.array(z.unknown()),
    visit_motives: z.array(
      z.object({
        id: z.int(),
        name: z.string().min(1),
        ref_visit_motive_id: z.int(),
        vaccination_motive: z.boolean(),
        first_shot_motive: z.boolean(),
      }),
    ),
    agendas: z.array(
      z.object({
        id: z.int(),
        booking_disabled: z.boolean(),
        visit_motive_ids_by_practice_id: z.record(z.string().regex(/^\d+$/), z.array(z.int())),
      }),
    ),
    places: z.array(
      z.object({ id: z.string().regex(/^practice-\d+$/), practice_ids: z.array(z.int()).min(1) }),
    ),
  }),
});

export const DoctolibAvailabilities = z.object({
  availabilities: z.array(
    z.object({
      date: z.iso.date().optional(),
      slots: z.array(z.union([withOffset, z.object({ start_date: withOffset })])),
    }),
  ),
  total: z.int().min(0).optional(),
  next_slot: withOffset.optional(),
});

export const KeldocResource = z.object({
  id: z.int(),
  title: z.string(),
  type: z.string(),
  cabinets: z.array(
    z.object({
      id: z.int(),
      name: z.string(),
      slug: z.string(),
      location: z.string(),
      latitude: z.number(),
      longitude: z.number(),
    }),
  ),
  specialties: z.array(z.object({ id: z.int(), name: z.string() })).min(1),
});

export const KeldocMotiveCategories = z.array(
  z.object({
    motive_category_id: z.int(),
    name: z.string(),
    motives: z.array(
      z.object({
        id: z.int(),
        name: z.string().min(1),
        agendas: z.array(z.object({ id: z.int(), name: z.string() })),
      }),
    ),
  }),
);

export const KeldocTimetable = z.union([
  z.strictObject({ date: withOffset, text: z.string().min(1) }),
  z.strictObject({
    availabilities: z.record(z.iso.date(), z.array(z.object({ start_time: withOffset }))),
  }),
  z.strictObject({ text: z.string().min(1), num: z.string(), phone_number: z.string() }),
]);

export const MaiiaReasons = z.object({
  items: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{24}$/),
      name: z.string().min(1),
      injectionType: z.enum(['FIRST', 'SECOND', 'BOOSTER', 'NONE']),
      nextAppointmentDelayInDays: z.int().min(0),
    }),
  ),
  total: z.int().min(0),
});

const MaiiaAvailability = z.object({
  practitionerId: z.string().regex(/^[0-9a-f]{24}$/),
  consultationReasonId: z.string().regex(/^[0-9a-f]{24}$/),
  centerId: z.string(),
  startDateTime: z.iso.datetime(),
  endDateTime: z.iso.datetime(),
});

export const MaiiaClosests = z.object({
  availabilityCount: z.int().min(0),
  closestPhysicalAvailability: MaiiaAvailability.optional(),
  firstPhysicalStartDateTime: z.iso.datetime().optional(),
});

export const MaiiaAvailabilities = z.object({ items: z.array(MaiiaAvailability), total: z.int().min(0) });

export const SmartManifest = z.object({
  transactionTime: lenientInstant,
  request: z.string().url(),
  output: z.array(z.object({ type: z.enum(['Location', 'Schedule', 'Slot']), url: z.string().url() })).min(3),
  error: z.array(z.unknown()),
});

const Extension = z.object({ url: z.string().url() }).passthrough();

export const SmartLocation = z.object({
  resourceType: z.literal('Location'),
  id: z.string(),
  name: z.string(),
  telecom: z.array(z.object({ system: z.string(), value: z.string() })),
  address: z.object({
    line: z.array(z.string()),
    city: z.string().optional(),
    postalCode: z.string().optional(),
  }),
  identifier: z.array(z.object({ system: z.string(), value: z.string() })).optional(),
});

export const SmartSchedule = z.object({
  resourceType: z.literal('Schedule'),
  id: z.string(),
  // A Location, and optionally who provides the service (SMART Scheduling Links' slot-server API).
  actor: z
    .array(
      z.object({
        reference: z.string().regex(/^(Location|Practitioner|PractitionerRole|HealthcareService)\//),
      }),
    )
    .min(1)
    .refine((actors) => actors.some((a) => a.reference.startsWith('Location/')), 'no Location actor'),
  serviceType: z.array(z.object({ coding: z.array(z.object({ system: z.string(), code: z.string() })) })),
  extension: z.array(Extension).optional(),
});

export const SmartSlot = z.object({
  resourceType: z.literal('Slot'),
  id: z.string(),
  schedule: z.object({ reference: z.string().regex(/^Schedule\//) }),
  status: z.enum(['free', 'busy']),
  start: lenientInstant,
  end: lenientInstant,
  extension: z.array(Extension).optional(),
});

export function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));
}
