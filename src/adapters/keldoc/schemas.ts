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

/**
 * One place of Keldoc's search (`searches/geo_location`), as ViteMaDose's `keldoc_center_scrap.py` read
 * it in 2021: the cabinet's id, the clinic's title and page path, `coordinates` as `"lat,lon"`.
 */
export const KeldocListedPlace = z.object({
  id: z.int(),
  title: z.string().min(1),
  url: z.string().startsWith('/'),
  type: z.string().optional(),
  coordinates: z.string().nullable().optional(),
  cabinet: z
    .object({
      zipcode: z.string().nullable().optional(),
      location: z.string().nullable().optional(),
      city: z.string().nullable().optional(),
    })
    .optional(),
  specialty_ids: z.array(z.int()).optional(),
});
export type KeldocListedPlace = z.infer<typeof KeldocListedPlace>;

/**
 * `GET /api/patients/v2/searches/geo_location?specialty_id=maladies-infectieuses&raw_location=<département>-<code>&page=N`:
 * Keldoc's search by département; places come in `results.section_<n>.data`, and `options.next_page`
 * says whether another page follows.
 */
export const KeldocGeoSearch = z.object({
  options: z
    .object({ next_page: z.union([z.int(), z.boolean(), z.null()]).optional() })
    .nullable()
    .optional(),
  results: z
    .record(z.string(), z.object({ data: z.array(KeldocListedPlace).nullable().optional() }).loose())
    .nullable()
    .optional(),
});
export type KeldocGeoSearch = z.infer<typeof KeldocGeoSearch>;
