import type { AppContext } from '../app/app-context.ts';
import type { Departement } from '../places/types.ts';
import { departementCode } from '../search/params.ts';
import { ApiError } from './http.ts';

/** The département a route names (`/…/{code}`), or a 400 (malformed) / 404 (unknown) `ApiError`. */
export function departementParam(app: Pick<AppContext, 'gazetteer'>, raw: string | undefined): Departement {
  const parsed = departementCode.safeParse(raw ?? '');
  if (!parsed.success)
    throw new ApiError(400, `departement: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const departement = app.gazetteer.departement(parsed.data);
  if (!departement) throw new ApiError(404, `No département has code ${parsed.data}.`);
  return departement;
}
