import { z } from 'zod';
import { BookingPlatform } from '../registry/centre.ts';
import { numberParam, optional, RADIUS_KM } from '../search/params.ts';

/** The board's columns a person (or the island) may sort by, in the URL's French words. */
export const BOARD_SORTS = [
  'centre',
  'commune',
  'creneaux',
  'prochain',
  'plateforme',
  'fraicheur',
  'distance',
] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** A commune board's default radius: a call-centre agent covers more ground than a resident's search. */
export const BOARD_RADIUS_KM = 30;

const flag = optional(
  z
    .enum(['1', '0', 'oui', 'non', 'true', 'false', 'on'], { error: 'expected 1 or 0' })
    .transform((value) => ['1', 'oui', 'true', 'on'].includes(value)),
);

/**
 * The board's query string: `tri=` (a column), `ordre=asc|desc`, `dispo=1` (slots only), `tel=1`
 * (booking by phone only), `plateforme=`, `dose=1|2|rappel`, `rayon=` (commune boards), `lang=en`.
 * Unlike the search page it refuses a bad value (400, saying which): an agent's bookmarked board
 * must not silently show another list. Unknown parameters are ignored, as links get mangled.
 */
export const BoardQuery = z.object({
  tri: optional(z.enum(BOARD_SORTS, { error: `expected one of ${BOARD_SORTS.join(', ')}` })),
  ordre: optional(z.enum(['asc', 'desc'], { error: 'expected asc or desc' })),
  dispo: flag,
  tel: flag,
  plateforme: optional(BookingPlatform),
  dose: optional(z.enum(['1', '2', 'rappel'], { error: 'expected 1, 2 or rappel' })),
  rayon: optional(numberParam(RADIUS_KM.min, RADIUS_KM.max)),
  lang: optional(z.enum(['fr', 'en'])),
});

export interface BoardOptions {
  sort: BoardSort;
  /** Each column's natural direction unless `ordre=` says otherwise (see board-sort.ts). */
  direction: 'asc' | 'desc' | null;
  slotsOnly: boolean;
  phoneOnly: boolean;
  platform: BookingPlatform | null;
  dose: 'first' | 'second' | 'booster' | null;
  radiusKm: number;
}

export type BoardQueryResult = { ok: true; options: BoardOptions } | { ok: false; message: string };

const DOSES = { '1': 'first', '2': 'second', rappel: 'booster' } as const;

export function boardQuery(params: URLSearchParams): BoardQueryResult {
  const raw = Object.fromEntries([...params].filter(([key]) => key in BoardQuery.shape));
  const parsed = BoardQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const q = parsed.data;
  return {
    ok: true,
    options: {
      sort: q.tri ?? 'creneaux',
      direction: q.ordre ?? null,
      slotsOnly: q.dispo ?? false,
      phoneOnly: q.tel ?? false,
      platform: q.plateforme ?? null,
      dose: q.dose ? DOSES[q.dose] : null,
      radiusKm: q.rayon ?? BOARD_RADIUS_KM,
    },
  };
}

/** The options back as URL parameters, defaults left out (also what the island writes on a sort). */
export function boardParams(options: BoardOptions, isCommune: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (isCommune && options.radiusKm !== BOARD_RADIUS_KM) params.set('rayon', String(options.radiusKm));
  if (options.sort !== 'creneaux') params.set('tri', options.sort);
  if (options.direction) params.set('ordre', options.direction);
  if (options.slotsOnly) params.set('dispo', '1');
  if (options.phoneOnly) params.set('tel', '1');
  if (options.platform) params.set('plateforme', options.platform);
  const dose = Object.entries(DOSES).find(([, value]) => value === options.dose)?.[0];
  if (dose) params.set('dose', dose);
  return params;
}
