import { createRequire } from 'node:module';
import { z } from 'zod';
import { slug } from '../shared/text.ts';

/** A département as the platforms' searches name it: its code, its name, and the name as a URL slug. */
export interface DiscoveryDepartement {
  code: string;
  name: string;
  /** `ille-et-vilaine`, `cotes-d-armor`: accents gone, lower case, anything else a dash. */
  slug: string;
}

const Departements = z.array(z.object({ code: z.string(), nom: z.string(), zone: z.string().optional() }));

let cached: readonly DiscoveryDepartement[] | undefined;

/**
 * The départements of France (the INSEE's, from @etalab/decoupage-administratif), without the overseas
 * collectivities that are not départements (Saint-Martin, Polynésie…): where the platforms list centres.
 */
export function discoveryDepartements(): readonly DiscoveryDepartement[] {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const rows = Departements.parse(require('@etalab/decoupage-administratif/data/departements.json'));
    cached = rows
      .filter((row) => row.zone !== 'com')
      .map((row) => ({ code: row.code, name: row.nom, slug: slug(row.nom) }));
  }
  return cached;
}

export function departementByCode(code: string): DiscoveryDepartement | undefined {
  return discoveryDepartements().find((d) => d.code === code);
}
