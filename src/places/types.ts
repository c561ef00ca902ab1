import type { GeoPoint } from '../registry/centre.ts';

/** A commune's reference point; `approximate` when no source gave it and it was estimated. */
export interface PlacePoint extends GeoPoint {
  approximate: boolean;
}

export interface Commune {
  /** INSEE code (COG), e.g. `35238`; Paris, Lyon, Marseille arrondissements have their own. */
  insee: string;
  name: string;
  postcodes: string[];
  departement: string;
  region: string | null;
  epci: string | null;
  population: number;
  location: PlacePoint;
  /** For an arrondissement of Paris, Lyon or Marseille: the INSEE code of its city. */
  arrondissementOf?: string;
}

export interface Departement {
  code: string;
  name: string;
  /** INSEE code of the prefecture's commune. */
  chefLieu: string;
  location: PlacePoint;
}

/** One autocomplete answer of `GET /api/v1/places`. */
export interface PlaceSuggestion {
  kind: 'commune' | 'postcode' | 'departement';
  /** What to show: `Rennes (35000, 35200, 35700)`, `35000 Rennes`, `Ille-et-Vilaine (35)`. */
  label: string;
  name: string;
  insee: string | null;
  postcodes: string[];
  departement: string;
  location: PlacePoint;
}

/** The French gazetteer: every commune with a position, searchable by name, postcode, département, point. */
export interface Gazetteer {
  /** Every commune as an object: built on demand, for who needs them all (the demo generator). */
  readonly communes: readonly Commune[];
  /** How many communes, without building them (`/healthz` asks on every probe). */
  readonly communeCount: number;
  commune(insee: string): Commune | undefined;
  communesByPostcode(postcode: string): Commune[];
  departement(code: string): Departement | undefined;
  departements(): readonly Departement[];
  /** The départements that touch this one (empty for an island, or an unknown code). */
  neighbouringDepartements(code: string): readonly string[];
  /** Accent- and case-insensitive, prefix, `St`/`Saint`; postcodes and département codes too. Best first. */
  suggest(query: string, limit?: number): PlaceSuggestion[];
  nearestCommune(point: GeoPoint): Commune | undefined;
}
