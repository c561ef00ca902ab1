import { z } from 'zod';

/**
 * The JSON that ViteMaDose (github.com/CovidTrackerFr/vitemadose, `data/output/{departement}.json`
 * and `info_centres.json`, written by `scraper/pattern/center_info.py`) published in 2021 and that
 * French re-users still read. Lenient where the real files varied (Python timestamps with
 * microseconds, `location` without `cp` in early files, extra keys such as `appointment_schedules`),
 * strict on what a consumer relies on.
 */

/** Python's `isoformat()`: seconds, optional fraction (often microseconds), always an offset. */
export const VmdTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/, 'timestamp with an offset');

const departement = z.string().regex(/^(\d{2}|2[AB]|97\d)$/);

export const VmdLocation = z.object({
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  city: z.string().nullable().optional(),
  cp: z.string().nullable().optional(),
});

export const VmdMetadata = z.object({
  address: z.string(),
  /** Absent when unknown, as in ViteMaDose's files. */
  phone_number: z.string().optional(),
  /** Weekday (French) → hours as the source wrote them. */
  business_hours: z.record(z.string(), z.string()).nullable(),
});

export const VmdCentre = z.object({
  departement,
  nom: z.string().min(1),
  /** The booking link; `""` when the centre books no appointment online. */
  url: z.string(),
  location: VmdLocation.nullable(),
  metadata: VmdMetadata.nullable(),
  prochain_rdv: VmdTimestamp.nullable(),
  /** `Doctolib`, `Maiia`, `Keldoc`, `Ordoclic`, `Mapharma`, `Autre`… */
  plateforme: z.string().min(1).nullable(),
  /** `vaccination-center`, `drugstore`, `general-practitioner`. */
  type: z.string().min(1).nullable(),
  appointment_count: z.int().nonnegative(),
  internal_id: z.string().min(1).nullable(),
  vaccine_type: z.array(z.string().min(1)).nullable(),
  appointment_by_phone_only: z.boolean(),
  erreur: z.string().min(1).nullable(),
  last_scan_with_availabilities: VmdTimestamp.nullable(),
});
export type VmdCentre = z.infer<typeof VmdCentre>;

export const VmdDepartementFile = z
  .object({
    version: z.literal(1),
    last_updated: VmdTimestamp,
    centres_disponibles: z.array(VmdCentre),
    centres_indisponibles: z.array(VmdCentre),
  })
  .superRefine((file, ctx) => {
    // ViteMaDose's own rule (`CenterInfo.has_available_appointments`): listed as available only
    // with a next appointment and a non-zero count.
    file.centres_disponibles.forEach((centre, index) => {
      if (centre.prochain_rdv === null || centre.appointment_count === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['centres_disponibles', index],
          message: 'an available centre has a prochain_rdv and appointment_count > 0',
        });
      }
    });
  });
export type VmdDepartementFile = z.infer<typeof VmdDepartementFile>;

/** `info_centres.json`: every département's file, keyed by its code. */
export const VmdInfoCentres = z.record(departement, VmdDepartementFile);
export type VmdInfoCentres = z.infer<typeof VmdInfoCentres>;
