import { z } from 'zod';
import { ApiError } from '../api/responses.ts';
import type { AppContext } from '../app/app-context.ts';
import type { Departement } from '../places/types.ts';

// The registry's own rule (Centre.departement), wider than the search's: open-data files exist for
// every département that has centres, Saint-Barthélemy (977) and Saint-Martin (978) included.
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{2}|2[AB]|97\d)$/, 'expected a département code such as 35, 2A or 971');

/** The département a route names, or a 400/404 `ApiError`. */
export function departementParam(app: AppContext, raw: string | undefined): Departement {
  const parsed = code.safeParse(raw ?? '');
  if (!parsed.success)
    throw new ApiError(400, `departement: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const departement = app.gazetteer.departement(parsed.data);
  if (!departement) throw new ApiError(404, `No département has code ${parsed.data}.`);
  return departement;
}
