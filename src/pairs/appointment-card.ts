import { z } from 'zod';
import { publicAvailability } from '../availability/public-availability.ts';
import { communeLine, phoneDisplay } from '../format/format.ts';
import type { Centre } from '../registry/centre.ts';
import type { SearchSources } from '../search/sources.ts';
import { firstPairSlot } from './pair-slots.ts';
import type { PairsSettings } from './pairs-settings.ts';
import { type SecondInjection, secondInjection } from './second-dose.ts';

/** `2021-04-13`, or as people type it: `13/04/2021`, `13-04-2021`, `13.04.2021`. */
const CardDate = z
  .string()
  .trim()
  .transform((text) => {
    const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    return typed ? `${typed[3]}-${typed[2]?.padStart(2, '0')}-${typed[1]?.padStart(2, '0')}` : text;
  })
  .pipe(z.iso.date());

const Flag = z
  .string()
  .transform((value) => ['1', 'oui', 'on', 'true'].includes(value.trim().toLowerCase()))
  .catch(false);

/**
 * `/rendez-vous/carte?centre=<id>&date=YYYY-MM-DD&deux=1&vaccin=<name>` (issue 15, point 4). Only the
 * centre, the first date, one or two people and the vaccine travel in the URL: the names are typed
 * into the page and never sent (the inputs have no `name`, the form does not hold them).
 */
export const CardQuery = z.object({
  centre: z.string().trim().min(1).max(120).optional().catch(undefined),
  date: z.string().optional(),
  deux: Flag.default(false),
  vaccin: z.string().trim().max(40).optional().catch(undefined),
});

export interface CardRequest {
  centreId: string | null;
  /** The first injection's day as asked; null when none was given or it could not be read. */
  date: string | null;
  /** A `date=` was given but is not a date: the page says so and keeps the rest. */
  badDate: boolean;
  people: 1 | 2;
  vaccine: string | null;
}

export function cardRequest(params: URLSearchParams): CardRequest {
  const raw = Object.fromEntries([...params].filter(([, value]) => value.trim() !== ''));
  const query = CardQuery.parse(raw);
  const date = query.date === undefined ? null : CardDate.safeParse(query.date);
  return {
    centreId: query.centre ?? null,
    date: date?.success ? date.data : null,
    badDate: date !== null && !date.success,
    people: query.deux ? 2 : 1,
    vaccine: query.vaccin ?? null,
  };
}

export interface AppointmentCard {
  centre: Centre;
  addressLines: string[];
  phones: Array<{ label: string; href: string }>;
  /** The first injection's day: as asked, else the centre's first half-day for the people, else null. */
  firstDate: string | null;
  second: SecondInjection | null;
  people: 1 | 2;
}

/** The card for a centre, or null when no centre has this id. */
export function appointmentCard(
  app: Pick<SearchSources, 'centres' | 'availability'>,
  request: CardRequest,
  settings: PairsSettings,
  now: Date,
): AppointmentCard | null {
  const centre = request.centreId ? app.centres.byId(request.centreId) : undefined;
  if (!centre) return null;
  const availability = publicAvailability(app.availability.state(centre.id), now);
  const suggested =
    request.people === 2 ? firstPairSlot(availability)?.date : availability.next_slot?.slice(0, 10);
  const firstDate = request.date ?? suggested ?? null;
  return {
    centre,
    addressLines: [...centre.address.lines, communeLine(centre)].filter((line) => line.trim() !== ''),
    phones: centre.phones.map(phoneDisplay),
    firstDate,
    second: firstDate ? secondInjection(availability, firstDate, settings, request.vaccine) : null,
    people: request.people,
  };
}
