import { z } from 'zod';
import { ProviderInstant } from '../dates.ts';

/** `GET /api/patients/v2/searches/resource`: the clinic, its cabinets and specialties. */
export const KeldocResource = z.object({
  id: z.int(),
  cabinets: z.array(z.object({ id: z.int(), slug: z.string().optional() })),
  specialties: z.array(
    z.object({
      id: z.int(),
      name: z.string().optional(),
      skills: z.array(z.object({ name: z.string() })).optional(),
    }),
  ),
});
export type KeldocResource = z.infer<typeof KeldocResource>;

/** `GET …/clinics/{c}/specialties/{s}/cabinets/{cab}/motive_categories`. */
export const KeldocMotiveCategories = z.array(
  z.object({
    name: z.string(),
    motives: z.array(
      z.object({
        id: z.int(),
        name: z.string(),
        agendas: z.array(z.object({ id: z.int() })),
      }),
    ),
  }),
);

/**
 * `GET /api/patients/v2/timetables/{motive}`: three answers share one URL, told apart by their keys.
 * Order matters: the slot list first, then phone-only (it also has `text`), then the next-date pointer.
 */
export const KeldocTimetable = z.union([
  z.object({
    availabilities: z.record(
      z.iso.date(),
      z.array(z.object({ start_time: ProviderInstant, agenda_id: z.int().optional() })),
    ),
  }),
  z.object({ text: z.string(), num: z.union([z.string(), z.number()]).optional(), phone_number: z.string() }),
  z.object({ date: ProviderInstant, text: z.string().optional() }),
  // An empty window without a pointer: nothing in sight.
  z.object({}).strict(),
]);
export type KeldocTimetable = z.infer<typeof KeldocTimetable>;
