import { z } from 'zod';
import { ProviderInstant } from '../dates.ts';

/** `GET /api/pat-public/consultation-reason-hcd?rootCenterId=`. */
export const MaiiaConsultationReasons = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      injectionType: z.string().optional(),
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
