import { z } from 'zod';
import { inseeCode, numberParam, optional, RADIUS_KM } from '../search/params.ts';

const Radius = optional(numberParam(RADIUS_KM.min, RADIUS_KM.max));
const Flag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.enum(['1', 'oui', 'true', 'on']).optional().catch(undefined),
);

export interface SheetQuery {
  radiusKm?: number;
  accompagnant: boolean;
  /** `?deux=1` (helper mode): only centres with two slots on the same half-day, for two people. */
  deux?: boolean;
  /** `?grand=1`: the large-print sheet (fewer centres, larger type, still one A4 page). */
  grand?: boolean;
}

/**
 * `?rayon=`, `?accompagnant=1`, `?deux=1` and `?grand=1` of a commune sheet. Like the search page it forgives: a sheet link
 * is printed, pinned and texted, so a mangled parameter falls back to the default instead of an error.
 */
export function sheetQuery(params: URLSearchParams): SheetQuery {
  const radius = Radius.safeParse(params.get('rayon') ?? undefined);
  const flag = (name: string) => Flag.parse(params.get(name) ?? undefined) !== undefined;
  const accompagnant = flag('accompagnant');
  // "Pour deux" belongs to the helper mode: the toggle adds both, a hand-typed `deux=1` alone implies it.
  const deux = flag('deux');
  const query: SheetQuery = { accompagnant: accompagnant || deux };
  if (deux) query.deux = true;
  if (flag('grand')) query.grand = true;
  if (radius.success && radius.data !== undefined) query.radiusKm = radius.data;
  return query;
}

/** The INSEE code of a route parameter (`2a004` → `2A004`), or null when it cannot be one. */
export function inseeParam(raw: string | undefined): string | null {
  const parsed = inseeCode.safeParse(raw ?? '');
  return parsed.success ? parsed.data : null;
}

/** The sheet's own URL with its parameters, for the toggle, the CSV link and the QR code. */
export function sheetPath(insee: string, query: SheetQuery, suffix = ''): string {
  const params = new URLSearchParams();
  if (query.radiusKm !== undefined) params.set('rayon', String(query.radiusKm));
  if (query.accompagnant) params.set('accompagnant', '1');
  if (query.accompagnant && query.deux) params.set('deux', '1');
  if (query.grand) params.set('grand', '1');
  const search = params.toString();
  return `/communes/${encodeURIComponent(insee)}${suffix}${search ? `?${search}` : ''}`;
}
