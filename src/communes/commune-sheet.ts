import { bookingLink } from '../api/centre-json.ts';
import type { PublicAvailability } from '../availability/public-availability.ts';
import { type AvailabilityText, availabilityText } from '../format/availability-text.ts';
import { PLATFORM_LABELS, phoneDisplay } from '../format/format.ts';
import { timeZoneOf } from '../geo/time-zone.ts';
import { fr, type Messages } from '../i18n/fr.ts';
import { firstPairSlot } from '../pairs/pair-slots.ts';
import type { Commune } from '../places/types.ts';
import { booksByPhoneOnly, type Centre } from '../registry/centre.ts';
import { type RankedHit, rankHits } from '../search/availability-filters.ts';
import { findCentres } from '../search/find-centres.ts';
import type { SearchSources } from '../search/sources.ts';
import { compactHours } from './hours.ts';

export const SHEET_RADIUS_KM = 30;
/** Without `?rayon=`, a rural commune with fewer centres than this nearby gets a wider circle. */
const ENOUGH_CENTRES = 3;
const WIDER_RADII_KM = [50, 100] as const;
/**
 * What one A4 page holds besides its heading, helpline and footer, counted in centre entries (an
 * entry with phone, hours and availability is the unit). The "other numbers" block takes its share,
 * so a sheet whose centres publish no phone prints fewer centres and still fits one page.
 */
export interface PrintBudget {
  /** Room for this many centre entries, in the plainest sheet. */
  centres: number;
  /** One entry with its "pour deux personnes" box (`?deux=1`). */
  entryForTwo: number;
  /** The "Réserver pour quelqu'un" box (`?accompagnant=1` or `?deux=1`; not printed in large print). */
  helperBox: number;
  /** The "Autres numéros à appeler" block's heading and intro. */
  phonesHeading: number;
  /** One more number with its centre's name. */
  phoneLine: number;
}
/** Measured on the demo's densest sheets (Paris, Lyon, Marseille, Rennes…): the print test checks them. */
const NORMAL_PRINT: PrintBudget = {
  centres: 6.5,
  entryForTwo: 2,
  helperBox: 2.3,
  phonesHeading: 0.6,
  phoneLine: 0.45,
};
/** The large-print sheet (`?grand=1`): fewer centres in larger type, still one A4 page. */
const LARGE_PRINT: PrintBudget = {
  centres: 3.3,
  entryForTwo: 2,
  helperBox: 0,
  phonesHeading: 0.45,
  phoneLine: 0.4,
};

/** What the paper holds for a sheet asked this way. */
export function printBudget(query: { grand?: boolean }): PrintBudget {
  return query.grand ? LARGE_PRINT : NORMAL_PRINT;
}

/** What the page holds once the boxes this sheet shows are set aside, in entries of its kind. */
function entriesRoom(budget: PrintBudget, options: Pick<SheetOptions, 'accompagnant' | 'forTwo'>): number {
  const helper = options.accompagnant || options.forTwo ? budget.helperBox : 0;
  return (budget.centres - helper) / (options.forTwo ? budget.entryForTwo : 1);
}
/** Phone numbers a printed sheet should hold: below this, it adds the nearest centres that have one. */
export const PRINTED_PHONES = 4;
/** How far the sheet looks for a number to call when the centres near the commune publish none. */
export const PHONES_RADIUS_KM = 100;
/** A sheet is a short list to phone through, not a search: beyond this, the search page. */
export const LISTED_CENTRES = 25;

export type HowToBook =
  | { kind: 'online'; link: string; platform: string }
  | { kind: 'phone' }
  | { kind: 'none' };

export interface SheetEntry {
  centre: Centre;
  distanceKm: number | null;
  availability: PublicAvailability;
  text: AvailabilityText;
  timeZone: string;
  phones: Array<{ label: string; href: string }>;
  howToBook: HowToBook;
  hours: string[];
  /** The centre's département name when it is not the commune's (the circle crosses borders). */
  otherDepartement: string | null;
  /** Two slots showing now on the same day and half-day: a couple can come together (src/pairs). */
  enoughForTwo: boolean;
}

export interface CommuneSheet {
  commune: Commune;
  departementName: string;
  radiusKm: number;
  /** The radius first tried when the sheet had to widen it to find centres, else null. */
  widenedFrom: number | null;
  /** Every centre listed, nearest first (phone-only first in "accompagnant" mode). */
  entries: SheetEntry[];
  /** Centres in the circle beyond those listed (`LISTED_CENTRES`, or the nearest few of a widened circle). */
  notListed: number;
  /** Centres in the circle reserved for health professionals: residents cannot book there. */
  professionalsOnly: number;
  /**
   * When the centres printed on the sheet publish fewer than `PRINTED_PHONES` numbers: the nearest
   * other centres that do (within `PHONES_RADIUS_KM`), so the paper still gives numbers to call.
   */
  morePhones: SheetEntry[];
  /** How many of `entries` the paper prints (the nearest), within the page's budget. */
  printed: number;
  /** The commune's position is only estimated: distances are said approximately (`distanceText`). */
  approximate: boolean;
}

export interface SheetOptions {
  /** As asked with `?rayon=`; the default circle may widen, an asked one never does. */
  radiusKm?: number;
  accompagnant?: boolean;
  /** "Pour deux personnes": only centres with two free slots on the same day and half-day. */
  forTwo?: boolean;
  /** What the paper holds (`printBudget`: fewer centres in large print). */
  print?: PrintBudget;
  /** How many centres to list (default `LISTED_CENTRES`; exports list them all). */
  listed?: number;
  now: Date;
  /** The page's language, for the availability words (French by default). */
  t?: Messages;
}

type SheetApp = Pick<SearchSources, 'gazetteer' | 'centres' | 'availability'>;

/** The centres a commune's residents can book at, or null when no commune has this INSEE code. */
export function communeSheet(app: SheetApp, insee: string, options: SheetOptions): CommuneSheet | null {
  const commune = app.gazetteer.commune(insee);
  if (!commune) return null;
  const radii = options.radiusKm === undefined ? [SHEET_RADIUS_KM, ...WIDER_RADII_KM] : [options.radiusKm];
  let radiusKm = radii[0] ?? SHEET_RADIUS_KM;
  let ranked: RankedHit[] = [];
  for (const radius of radii) {
    radiusKm = radius;
    ranked = rankHits(
      findCentres(app, { by: 'commune', insee: commune.insee, radiusKm: radius }).hits,
      app.availability,
      options.now,
      options.forTwo ? { forTwo: true } : {},
    );
    if (forResidents(ranked).length >= ENOUGH_CENTRES) break;
  }
  const residents = forResidents(ranked);
  const ordered = options.accompagnant ? phoneOnlyFirst(residents) : residents;
  const widened = radiusKm !== radii[0];
  // A widened circle is wide (100 km holds dozens): only the nearest few answer "where is the closest?".
  const listed = Math.min(
    options.listed ?? LISTED_CENTRES,
    widened ? NORMAL_PRINT.centres : Number.POSITIVE_INFINITY,
  );
  const entries = ordered.slice(0, listed).map((hit) => sheetEntry(app, commune.departement, hit, options.t));
  const room = entriesRoom(options.print ?? NORMAL_PRINT, options);
  const { printed, extra } = fitOnePage(
    app,
    commune,
    entries,
    options.print ?? NORMAL_PRINT,
    room,
    options.now,
  );
  return {
    commune,
    departementName: app.gazetteer.departement(commune.departement)?.name ?? commune.departement,
    radiusKm,
    widenedFrom: widened ? (radii[0] ?? null) : null,
    entries,
    notListed: Math.max(0, ordered.length - listed),
    professionalsOnly: ranked.length - residents.length,
    morePhones: extra,
    printed,
    approximate: commune.location.approximate,
  };
}

/**
 * The most centres the page holds with the other numbers they call for: printing one centre fewer
 * may call for one more number (fewer printed phones), so the two are worked out together. `room`
 * is in entries; the other numbers' cost is in plain entries, as the budget counts them.
 */
function fitOnePage(
  app: SheetApp,
  commune: Commune,
  entries: readonly SheetEntry[],
  budget: PrintBudget,
  room: number,
  now: Date,
): { printed: number; extra: SheetEntry[] } {
  const perEntry = budget.centres / Math.max(room, 1e-9);
  const fits = (count: number, lines: number) =>
    count * perEntry + (lines === 0 ? 0 : budget.phonesHeading + lines * budget.phoneLine) <= budget.centres;
  let printed = Math.min(entries.length, Math.max(1, Math.floor(room)));
  let extra = morePhones(app, commune, entries.slice(0, printed), now);
  while (printed > 1 && !fits(printed, extra.length)) {
    printed -= 1;
    extra = morePhones(app, commune, entries.slice(0, printed), now);
  }
  // One centre and its numbers still too many (large print, two people): fewer other numbers.
  while (extra.length > 0 && !fits(printed, extra.length)) extra = extra.slice(0, -1);
  return { printed, extra };
}

/**
 * The nearest centres with a published phone number, beyond those printed, until the paper holds
 * `PRINTED_PHONES` numbers: a rural sheet whose nearby centres book only online still gives someone
 * to call. Empty when the printed centres already give enough.
 */
function morePhones(
  app: SheetApp,
  commune: Commune,
  printed: readonly SheetEntry[],
  now: Date,
): SheetEntry[] {
  const phones = printed.reduce((n, entry) => n + Math.min(entry.phones.length, 1), 0);
  if (phones >= PRINTED_PHONES) return [];
  const shown = new Set(printed.map((entry) => entry.centre.id));
  const hits = findCentres(app, {
    by: 'commune',
    insee: commune.insee,
    radiusKm: PHONES_RADIUS_KM,
  }).hits.filter(
    (hit) =>
      !shown.has(hit.centre.id) &&
      hit.centre.phones.length > 0 &&
      hit.centre.health_professionals_only !== true,
  );
  return rankHits(hits.slice(0, PRINTED_PHONES - phones), app.availability, now).map((hit) =>
    sheetEntry(app, commune.departement, hit),
  );
}

function forResidents(hits: RankedHit[]): RankedHit[] {
  return hits.filter((hit) => hit.centre.health_professionals_only !== true);
}

/** Stable: phone-only centres keep their distance order among themselves, and so do the others. */
export function phoneOnlyFirst<T extends { centre: Centre }>(hits: readonly T[]): T[] {
  return [
    ...hits.filter((hit) => booksByPhoneOnly(hit.centre)),
    ...hits.filter((hit) => !booksByPhoneOnly(hit.centre)),
  ];
}

export function howToBook(centre: Centre, t?: Messages): HowToBook {
  if (centre.booking.url && centre.booking.platform !== 'none')
    return {
      kind: 'online',
      link: bookingLink(centre),
      platform: (t?.platforms ?? PLATFORM_LABELS)[centre.booking.platform],
    };
  return booksByPhoneOnly(centre) ? { kind: 'phone' } : { kind: 'none' };
}

/** What a sheet or a widget shows of one centre; `homeDepartement` is the place's own. */
export function sheetEntry(
  app: Pick<SearchSources, 'gazetteer'>,
  homeDepartement: string,
  hit: RankedHit,
  t: Messages = fr,
): SheetEntry {
  const { centre, availability } = hit;
  const timeZone = timeZoneOf(centre);
  const elsewhere = centre.departement !== null && centre.departement !== homeDepartement;
  return {
    centre,
    distanceKm: hit.distance_km,
    availability,
    text: availabilityText(availability, timeZone, t),
    timeZone,
    phones: centre.phones.map(phoneDisplay),
    howToBook: howToBook(centre, t),
    hours: compactHours(centre),
    otherDepartement:
      elsewhere && centre.departement
        ? `${app.gazetteer.departement(centre.departement)?.name ?? ''} (${centre.departement})`.trim()
        : null,
    enoughForTwo: firstPairSlot(availability) !== null,
  };
}

/** The sentence under the title: how many centres, how far, and whether the circle was widened. */
export function sheetSummary(sheet: CommuneSheet, t: Messages = fr): string {
  const place = `${sheet.commune.name} (${sheet.commune.departement})`;
  const total = sheet.entries.length + sheet.notListed;
  if (total === 0) return t.sheet.summaryNone(sheet.radiusKm, place);
  if (sheet.widenedFrom !== null) {
    const farthest = Math.ceil(Math.max(...sheet.entries.map((entry) => entry.distanceKm ?? 0)));
    return t.sheet.summaryWidened(sheet.widenedFrom, place, sheet.entries.length, farthest);
  }
  return t.sheet.summary(total, sheet.radiusKm, place);
}
