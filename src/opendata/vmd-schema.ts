import { z } from 'zod';

/**
 * ViteMaDose's published format, written from THEIR definitions (not from Créneau's output):
 *
 * - CovidTrackerFr/vitemadose, `scraper/pattern/center_info.py` (the version with `gid`,
 *   `INTERVAL_SPLIT_DAYS = [1, 2, 7, 28, 49]` and `CHRONODOSES`): `CenterInfo.__init__` lists every
 *   key of a centre (`departement, nom, url, location, metadata, prochain_rdv, plateforme, type,
 *   appointment_count, internal_id, gid, vaccine_type, appointment_by_phone_only, erreur,
 *   last_scan_with_availabilities`, plus `appointment_schedules` from `fill_result`);
 *   `has_available_appointments()` = `prochain_rdv is not None and appointment_count > 0`;
 *   `handle_next_availability()` drops a `prochain_rdv` more than 50 days away; timestamps are
 *   Python `isoformat()` of aware datetimes.
 * - `scraper/pattern/vaccine.py`: `Vaccine` = Pfizer-BioNTech, Moderna, AstraZeneca, Janssen, ARNm.
 * - `scraper/pattern/center_location.py`: `location` = `{ longitude, latitude, city, cp }`.
 * - The scrapers' `appointment_schedules` (e.g. `scraper/maiia/maiia.py`, tests of keldoc and maiia):
 *   `{ name: "chronodose", from: now, to: now + 1 day - 1 s, total }` then `{ name: "<n>_days", from:
 *   today 00:00, to: today + n days - 1 s, total }` for n in 1, 2, 7, 28, 49.
 * - CovidTrackerFr/vitemadose-front, `src/state/State.ts`: `TypePlateforme` ("Doctolib" | "Maiia" |
 *   "Ordoclic" | "Keldoc" | "Pandalab" | "Mapharma" | "AvecMonDoc"), `TypeLieu` ("vaccination-center" |
 *   "drugstore" | "general-practitioner"), `WeekDay` (lundi…dimanche) and `BusinessHours =
 *   Record<WeekDay, string>`, `AppointmentSchedule { name, from, to, total }`, `Lieu`,
 *   `LieuxParDepartement_JSON { centres_disponibles, centres_indisponibles, last_updated }`.
 */

/** Python's `isoformat()` of an aware datetime: seconds, optional microseconds, always an offset. */
export const VmdTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}$/, 'isoformat() with an offset');

const departement = z.string().regex(/^(\d{2}|2[AB]|97\d)$/);

/** vitemadose-front `TypePlateforme`. */
export const VMD_PLATEFORMES = [
  'Doctolib',
  'Maiia',
  'Ordoclic',
  'Keldoc',
  'Pandalab',
  'Mapharma',
  'AvecMonDoc',
] as const;
/** vitemadose-front `TypeLieu`. */
export const VMD_TYPES_LIEUX = ['vaccination-center', 'drugstore', 'general-practitioner'] as const;
/** vitemadose-front `WeekDay`. */
export const VMD_WEEKDAYS = [
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
] as const;
/** vitemadose `Vaccine`. */
export const VMD_VACCINES = ['Pfizer-BioNTech', 'Moderna', 'AstraZeneca', 'Janssen', 'ARNm'] as const;
/** `INTERVAL_SPLIT_DAYS`, after the `chronodose` window. */
export const VMD_SPLIT_DAYS = [1, 2, 7, 28, 49] as const;

/** `CenterLocation.default()`; early files had no `cp`. */
export const VmdLocation = z.object({
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  city: z.string().nullable(),
  cp: z.string().nullable().optional(),
});

/**
 * `BusinessHours = Record<WeekDay, string>`. Real files varied (Maiia centres wrote `Lundi`), so the
 * format reads any day name; Créneau's own output is held to every `WeekDay`, null when unknown
 * (`CreneauVmdCentre`).
 */
export const VmdBusinessHours = z.record(z.string(), z.string().nullable());

export const VmdMetadata = z.object({
  address: z.string(),
  /** Absent when unknown (`_metadata_from_csv_data` only sets it when there is one). */
  phone_number: z.string().optional(),
  business_hours: VmdBusinessHours.nullable(),
});

export const VmdAppointmentSchedule = z.object({
  name: z.union([z.literal('chronodose'), z.enum(VMD_SPLIT_DAYS.map((n) => `${n}_days`))]),
  from: VmdTimestamp,
  to: VmdTimestamp,
  total: z.int().nonnegative(),
});

export const VmdCentre = z.object({
  departement,
  nom: z.string().min(1),
  url: z.string(),
  location: VmdLocation.nullable(),
  metadata: VmdMetadata.nullable(),
  prochain_rdv: VmdTimestamp.nullable(),
  plateforme: z.enum(VMD_PLATEFORMES).nullable(),
  type: z.enum(VMD_TYPES_LIEUX).nullable(),
  appointment_count: z.int().nonnegative(),
  appointment_schedules: z.array(VmdAppointmentSchedule),
  internal_id: z.string().min(1).nullable(),
  gid: z.string().min(1).nullable(),
  vaccine_type: z.array(z.enum(VMD_VACCINES)).min(1).nullable(),
  appointment_by_phone_only: z.boolean(),
  erreur: z.string().min(1).nullable(),
  last_scan_with_availabilities: VmdTimestamp.nullable(),
});
export type VmdCentre = z.infer<typeof VmdCentre>;

/**
 * What Créneau itself publishes, stricter than the format it must fit: no key beyond
 * `CenterInfo`'s, `cp` always present, every `WeekDay` of vitemadose-front in `business_hours`.
 */
export const CreneauVmdCentre = VmdCentre.extend({
  location: VmdLocation.extend({ cp: z.string().nullable() }).strict().nullable(),
  metadata: VmdMetadata.extend({
    business_hours: z
      .strictObject(
        Object.fromEntries(VMD_WEEKDAYS.map((day) => [day, z.string().nullable()])) as Record<
          (typeof VMD_WEEKDAYS)[number],
          z.ZodNullable<z.ZodString>
        >,
      )
      .nullable(),
  })
    .strict()
    .nullable(),
}).strict();

/** `CenterInfo.has_available_appointments()`. */
export function hasAvailableAppointments(centre: Pick<VmdCentre, 'prochain_rdv' | 'appointment_count'>) {
  return centre.prochain_rdv !== null && centre.appointment_count > 0;
}

export const VmdDepartementFile = z
  .object({
    version: z.literal(1),
    last_updated: VmdTimestamp,
    centres_disponibles: z.array(VmdCentre),
    centres_indisponibles: z.array(VmdCentre),
  })
  .superRefine((file, ctx) => {
    // ViteMaDose's own split: a centre is listed as available exactly when it has available appointments.
    file.centres_disponibles.forEach((centre, index) => {
      if (!hasAvailableAppointments(centre))
        ctx.addIssue({
          code: 'custom',
          path: ['centres_disponibles', index],
          message: 'an available centre has a prochain_rdv and appointment_count > 0',
        });
    });
    file.centres_indisponibles.forEach((centre, index) => {
      if (hasAvailableAppointments(centre))
        ctx.addIssue({
          code: 'custom',
          path: ['centres_indisponibles', index],
          message: 'a centre with available appointments belongs in centres_disponibles',
        });
    });
  });
export type VmdDepartementFile = z.infer<typeof VmdDepartementFile>;

/** `info_centres.json`: every département's file, keyed by its code. */
export const VmdInfoCentres = z.record(departement, VmdDepartementFile);
export type VmdInfoCentres = z.infer<typeof VmdInfoCentres>;
