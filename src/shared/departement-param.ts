import { z } from 'zod';
import { ApiError } from './http.ts';

/** The one rule for a département code: 01–95 with Corsica as 2A and 2B, overseas 971–978. */
export const DEPARTEMENT_CODE = /^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8])$/;

/** A département code in a route or a query string, trimmed and upper-cased (`2a` → `2A`). */
export const departementCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(DEPARTEMENT_CODE, 'expected a département code such as 35, 2A or 971');

/** Where codes are looked up: the gazetteer, or a fixture in a test. */
interface Departements<D> {
  departement(code: string): D | undefined;
}

/** The département a route names, or null when the code is malformed or unknown (pages render their own 404). */
export function findDepartement<D>(gazetteer: Departements<D>, raw: string | undefined): D | null {
  const parsed = departementCode.safeParse(raw ?? '');
  return (parsed.success && gazetteer.departement(parsed.data)) || null;
}

/**
 * The département a route or query names, or a 400 (malformed) / 404 (unknown) `ApiError`;
 * `name` is the parameter's name in the 400 message.
 */
export function departementParam<D>(
  gazetteer: Departements<D>,
  raw: string | undefined,
  name = 'departement',
): D {
  const parsed = departementCode.safeParse(raw ?? '');
  if (!parsed.success) throw new ApiError(400, `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const departement = gazetteer.departement(parsed.data);
  if (!departement) throw new ApiError(404, `No département has code ${parsed.data}.`);
  return departement;
}
