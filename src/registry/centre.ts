import { z } from 'zod';
import { BOOKING_PLATFORM_NAMES } from '../platforms/manifest.ts';

/**
 * How a centre takes bookings, derived from its booking URL (see booking-platform.ts): one of the
 * manifest's booking platforms, `other` (its own site) or `none` (no link).
 */
export const BookingPlatform = z.enum([...BOOKING_PLATFORM_NAMES, 'other', 'none']);
export type BookingPlatform = z.infer<typeof BookingPlatform>;

/**
 * How far a centre's coordinates can be trusted: `address` when the source gave them,
 * `commune` when we placed the centre at its commune's centre, `approximate` when even the
 * commune's position is estimated (see places/gazetteer).
 */
export const LocationPrecision = z.enum(['address', 'commune', 'approximate']);
export type LocationPrecision = z.infer<typeof LocationPrecision>;

export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const CentreLocation = GeoPoint.extend({ precision: LocationPrecision });
export type CentreLocation = z.infer<typeof CentreLocation>;

export const Weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

const isoDate = z.iso.date();

/** One phone number: `number` for `tel:` links (E.164, or a short service number's digits). */
export const CentrePhone = z.object({
  number: z.string().min(1),
  /** As people read it: French grouping (`02 99 00 00 00`, `0590 86 29 31`, `39 75`). */
  display: z.string().min(1),
  /** The column it was read from (`rdv_tel`, `rdv_tel2`, `lieu_tel`). */
  column: z.string().min(1),
  /** The field's text as the source wrote it (one field may hold several numbers). */
  text: z.string().min(1),
});
export type CentrePhone = z.infer<typeof CentrePhone>;

export const CentreAddress = z.object({
  /** Street lines as given (number and street, building…), without postcode and commune. */
  lines: z.array(z.string().min(1)),
  postcode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable(),
});

/** The one normalised model of a vaccination centre, whatever list or feed it came from. */
export const Centre = z.object({
  /** Stable across imports of the same source: `<source>-<source id>`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  address: CentreAddress,
  commune: z.object({
    insee: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/)
      .nullable(),
    name: z.string().min(1).nullable(),
  }),
  /** Département code: `01`…`95`, `2A`, `2B`, `971`…`976`. */
  departement: z
    .string()
    .regex(/^(\d{2}|2[AB]|97\d)$/)
    .nullable(),
  location: CentreLocation.nullable(),
  booking: z.object({
    url: z.url({ protocol: /^https?$/ }).nullable(),
    platform: BookingPlatform,
    /** The link as the source wrote it, when `url` was repaired from it (import/link-repair.ts). */
    original_url: z.string().min(1).nullable().optional(),
    /** What the import repaired in it (`unwrapped-safelinks`, `second-question-mark`…), in order. */
    repairs: z.array(z.string().min(1)).optional(),
  }),
  /** Phone numbers as dialable strings (`+33…` or local digits), booking line first. */
  phones: z.array(z.string().min(1)),
  /** Each number of `phones` with where it came from and how to show it (import/phone.ts). */
  phone_details: z.array(CentrePhone).optional(),
  /** Opening hours per weekday, as the source wrote them (`9h-17h`, `fermé`…): never reinterpreted. */
  opening_hours: z.partialRecord(Weekday, z.string().min(1)),
  accessible: z.boolean().nullable(),
  opens_on: isoDate.nullable(),
  closes_on: isoDate.nullable(),
  /**
   * `centre_fermeture` of the later lists: true when the list says the centre is closed. Absent from
   * registries written before it was read (read as unknown). See lifecycle.ts for how it is served.
   */
  closed: z.boolean().nullable().optional(),
  /**
   * The id of the centre this one duplicates (same booking agenda, or same place and name: see
   * duplicates.ts), which the public sees instead; absent or null when it is the one kept.
   */
  duplicate_of: z.string().nullable().optional(),
  /** Booking notes (`rdv_modalites` in the official list). */
  notes: z.string().min(1).nullable(),
  health_professionals_only: z.boolean().nullable(),
  source: z.object({
    /** `discovery`: added by an operator accepting a centre found on a platform (docs/DISCOVERY.md). */
    kind: z.enum(['official', 'demo', 'feed', 'discovery']),
    /** The centre's id in its source (`gid` in the official list; `<platform>:<its id>` for `discovery`). */
    id: z.string().nullable(),
    updated_at: z.string().nullable(),
  }),
});
export type Centre = z.infer<typeof Centre>;

/**
 * Everything about a centre that a source may not say, as "unknown": builders of centres from thin
 * sources (a feed's Location, a bare booking URL) start from this and set what they know.
 */
export const UNKNOWN_DETAILS = {
  address: { lines: [], postcode: null },
  commune: { insee: null, name: null },
  departement: null,
  location: null,
  phones: [],
  opening_hours: {},
  accessible: null,
  opens_on: null,
  closes_on: null,
  closed: null,
  duplicate_of: null,
  notes: null,
  health_professionals_only: null,
} as const satisfies Partial<Centre>;

/** True when the only way to book is by phone: no online booking, but a number to call. */
export function booksByPhoneOnly(centre: Centre): boolean {
  return centre.booking.platform === 'none' && centre.phones.length > 0;
}
