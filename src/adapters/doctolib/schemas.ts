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

/** A coordinate as Doctolib's search writes it: a number, sometimes a string of one. */
const Coordinate = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .nullable();

/**
 * One result of Doctolib's search listing (`GET /vaccination-covid-19/<département>.json?page=N`), as
 * ViteMaDose's `doctolib_center_scrap.py` read it in 2021: the booking's page path in `link`, the
 * place's address and position, and `exact_match` false once results leave the département.
 */
export const DoctolibSearchResult = z.object({
  id: z.int(),
  link: z.string().startsWith('/'),
  name_with_title: z.string().min(1),
  address: z.string().nullable().optional(),
  zipcode: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  position: z.object({ lat: Coordinate, lng: Coordinate }).nullable().optional(),
  /** The place of the booking (`practice-N`) the result is, when the listing says. */
  place_id: z.string().nullable().optional(),
  exact_match: z.boolean().optional(),
});
export type DoctolibSearchResult = z.infer<typeof DoctolibSearchResult>;

export const DoctolibSearch = z.object({ data: z.object({ doctors: z.array(DoctolibSearchResult) }) });
