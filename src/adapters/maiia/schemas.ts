import { z } from 'zod';
import { ProviderInstant } from '../dates.ts';

/** `GET /api/pat-public/consultation-reason-hcd?rootCenterId=`. */
export const MaiiaConsultationReasons = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      injectionType: z.string().optional(),
      /** Days to the second injection a first-injection reason books with it (0 when none). */
      nextAppointmentDelayInDays: z.int().nonnegative().nullable().optional().catch(undefined),
    }),
  ),
  total: z.int().optional(),
});
export type MaiiaConsultationReason = z.infer<typeof MaiiaConsultationReasons>['items'][number];

/** `GET /api/pat-public/availability-closests`: where the first slot is, to skip empty weeks. */
export const MaiiaClosest = z.object({
  availabilityCount: z.int().optional(),
  firstPhysicalStartDateTime: ProviderInstant.nullable().optional(),
});

/** `GET /api/pat-public/availabilities`, paged. */
export const MaiiaAvailabilities = z.object({
  items: z.array(
    z.object({
      startDateTime: ProviderInstant,
      practitionerId: z.string(),
      consultationReasonId: z.string().optional(),
    }),
  ),
  total: z.int().nonnegative(),
});

/**
 * `GET /api/pat-public/hcd?distanceMax=10000&AllVaccinationPlaces=true&speciality.shortName=<type>&limit=&page=`:
 * Maiia's public listing of centres (as ViteMaDose's `maiia_center_scrap.py` read it in 2021). Each item's
 * `center.url` is the path of its booking page (`/centre-de-vaccination/<cp-ville>/<slug>`), the same path
 * as the links of the official list, and `center.id` the `centerid=` those links lack; a root centre may
 * hold child centres with their own page.
 */
const MaiiaListedCentre = z.object({
  id: z.string(),
  name: z.string().optional(),
  url: z.string().optional(),
  speciality: z.object({ code: z.string().optional(), shortName: z.string().optional() }).optional(),
  /**
   * Where it is (discovery): `address.location.coordinates` is GeoJSON's `[lon, lat]`; `inseeCode`,
   * `zipCode`, `fullAddress` as ViteMaDose's `maiia_center_scrap.py` read them.
   */
  publicInformation: z
    .object({
      address: z
        .object({
          number: z.string().nullable().optional(),
          street: z.string().nullable().optional(),
          zipCode: z.string().nullable().optional(),
          city: z.string().nullable().optional(),
          inseeCode: z.string().nullable().optional(),
          fullAddress: z.string().nullable().optional(),
          location: z
            .object({ coordinates: z.array(z.number()).length(2) })
            .nullable()
            .optional(),
        })
        .nullable()
        .optional(),
      officeInformation: z.object({ phoneNumber: z.string().nullable().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type MaiiaListedCentre = z.infer<typeof MaiiaListedCentre>;
export const MaiiaCentreListing = z.object({
  items: z.array(
    z.object({
      type: z.string().optional(),
      center: MaiiaListedCentre.extend({ childCenters: z.array(MaiiaListedCentre).optional() }),
    }),
  ),
  total: z.int().nonnegative(),
});
export type MaiiaCentreListing = z.infer<typeof MaiiaCentreListing>;
