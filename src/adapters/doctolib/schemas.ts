import { z } from 'zod';
import { ProviderInstant } from '../dates.ts';

/** `GET /booking/{slug}.json`: only the fields the adapter reads. */
export const DoctolibBooking = z.object({
  data: z.object({
    visit_motives: z.array(
      z.object({
        id: z.int(),
        name: z.string(),
        vaccination_motive: z.boolean().optional(),
        first_shot_motive: z.boolean().optional(),
        ref_visit_motive_id: z.int().nullable().optional(),
      }),
    ),
    agendas: z.array(
      z.object({
        id: z.int(),
        booking_disabled: z.boolean().default(false),
        visit_motive_ids_by_practice_id: z.record(z.string(), z.array(z.int())),
      }),
    ),
    places: z.array(
      z.object({
        id: z.string().regex(/^practice-\d+$/),
        practice_ids: z.array(z.int()).min(1),
      }),
    ),
  }),
});
export type DoctolibBooking = z.infer<typeof DoctolibBooking>;

/** A slot is a bare timestamp, or an object (multi-step bookings carry their agenda in `steps`). */
const Slot = z.union([
  ProviderInstant,
  z.object({
    start_date: ProviderInstant,
    agenda_id: z.int().optional(),
    /** A first-shot slot chains the second injection: its second step starts on that day. */
    steps: z
      .array(
        z.object({ agenda_id: z.int().optional(), start_date: ProviderInstant.optional().catch(undefined) }),
      )
      .optional(),
  }),
]);
export type DoctolibSlot = z.infer<typeof Slot>;

/** `GET /availabilities.json`: `next_slot` says where to jump when the window is empty. */
export const DoctolibAvailabilities = z.object({
  availabilities: z.array(z.object({ date: z.iso.date().optional(), slots: z.array(Slot).default([]) })),
  total: z.int().optional(),
  next_slot: z.union([ProviderInstant, z.iso.date()]).optional(),
});
