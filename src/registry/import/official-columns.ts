/**
 * Columns of the official list (`centres-vaccination.csv` on data.gouv.fr), every vintage of 2021:
 * the January files have `lieu_tel`; later ones drop it and add `arrete_pref_numero`, `_userid_*`,
 * `rdv_tel2`, `centre_svi_repondeur`, `centre_fermeture`, `reserve_professionels_sante`, `centre_type`.
 * Columns are always found by header name, never by position.
 */
export const OFFICIAL_COLUMNS = [
  'gid',
  'nom',
  'arrete_pref_numero',
  'xy_precis',
  'id_adr',
  'adr_num',
  'adr_voie',
  'com_cp',
  'com_insee',
  'com_nom',
  'lat_coor1',
  'long_coor1',
  'structure_siren',
  'structure_type',
  'structure_rais',
  'structure_num',
  'structure_voie',
  'structure_cp',
  'structure_insee',
  'structure_com',
  '_userid_creation',
  '_userid_modification',
  '_edit_datemaj',
  'lieu_accessibilite',
  'rdv_lundi',
  'rdv_mardi',
  'rdv_mercredi',
  'rdv_jeudi',
  'rdv_vendredi',
  'rdv_samedi',
  'rdv_dimanche',
  'lieu_tel',
  'rdv',
  'date_fermeture',
  'date_ouverture',
  'rdv_site_web',
  'rdv_tel',
  'rdv_tel2',
  'rdv_modalites',
  'rdv_consultation_prevaccination',
  'centre_svi_repondeur',
  'centre_fermeture',
  'reserve_professionels_sante',
  'centre_type',
] as const;
export type OfficialColumn = (typeof OFFICIAL_COLUMNS)[number];

/** Without these a row cannot become a centre: `gid` makes its stable id, `nom` its name. */
export const ESSENTIAL_COLUMNS = ['gid', 'nom'] as const satisfies readonly OfficialColumn[];

const KNOWN: ReadonlySet<string> = new Set(OFFICIAL_COLUMNS);

function isOfficialColumn(name: string): name is OfficialColumn {
  return KNOWN.has(name);
}

/** Header names compare trimmed and lower-cased: some re-exports capitalise or pad them. */
function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

export interface OfficialHeader {
  /** Reads one column of a record: trimmed text, `''` when the column is absent or the record short. */
  get(values: readonly string[], column: OfficialColumn): string;
  has(column: OfficialColumn): boolean;
  missingEssentials: OfficialColumn[];
  /** Named columns that no vintage has: kept out of the centre, reported once. */
  unknown: string[];
  /** Positions of columns without a name (a trailing delimiter on every line makes one). */
  unnamed: number[];
  /** Known columns that appear more than once: the first one is read. */
  repeated: OfficialColumn[];
}

export function readOfficialHeader(header: readonly string[]): OfficialHeader {
  const positions = new Map<OfficialColumn, number>();
  const unknown: string[] = [];
  const unnamed: number[] = [];
  const repeated: OfficialColumn[] = [];
  header.forEach((raw, position) => {
    const name = normaliseHeaderName(raw);
    if (!name) unnamed.push(position);
    else if (!isOfficialColumn(name)) unknown.push(raw.trim());
    else if (positions.has(name)) repeated.push(name);
    else positions.set(name, position);
  });
  return {
    get(values, column) {
      const position = positions.get(column);
      return position === undefined ? '' : (values[position] ?? '').trim();
    },
    has: (column) => positions.has(column),
    missingEssentials: ESSENTIAL_COLUMNS.filter((column) => !positions.has(column)),
    unknown,
    unnamed,
    repeated,
  };
}
