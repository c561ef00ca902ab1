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

/**
 * What the import does with a column: `used` (read, checked and normalised into a centre field),
 * `kept` (copied into the centre as written, never reinterpreted) or `ignored` (read by no one, with why).
 */
export type ColumnUse = 'used' | 'kept' | 'ignored';

export interface ColumnAccount {
  use: ColumnUse;
  /** The centre field it feeds, or why it is ignored. */
  note: string;
}

const hours = (day: string): ColumnAccount => ({ use: 'kept', note: `opening_hours.${day}, as written` });
const structure: ColumnAccount = {
  use: 'ignored',
  note: 'the organisation running the centre, not the place: not shown',
};

/** Every known column and what becomes of it: the report lists these for each column of a file. */
export const COLUMN_ACCOUNTS: Readonly<Record<OfficialColumn, ColumnAccount>> = {
  gid: { use: 'used', note: 'id (sante-<gid>), source.id' },
  nom: { use: 'used', note: 'name; also read for the health-professionals wording' },
  arrete_pref_numero: { use: 'ignored', note: 'prefectoral order number: administrative' },
  xy_precis: {
    use: 'ignored',
    note: 'precision flag of the coordinates: lat_coor1/long_coor1 are checked instead',
  },
  id_adr: { use: 'ignored', note: 'address identifier (BAN): not needed with the address and coordinates' },
  adr_num: { use: 'used', note: 'address.lines' },
  adr_voie: { use: 'used', note: 'address.lines' },
  com_cp: { use: 'used', note: 'address.postcode, departement, commune lookup' },
  com_insee: { use: 'used', note: 'commune.insee, departement, commune lookup' },
  com_nom: { use: 'used', note: 'commune.name, commune lookup' },
  lat_coor1: { use: 'used', note: 'location.lat' },
  long_coor1: { use: 'used', note: 'location.lon' },
  structure_siren: structure,
  structure_type: structure,
  structure_rais: structure,
  structure_num: structure,
  structure_voie: structure,
  structure_cp: structure,
  structure_insee: structure,
  structure_com: structure,
  _userid_creation: { use: 'ignored', note: "Santé.fr's internal user ids" },
  _userid_modification: { use: 'ignored', note: "Santé.fr's internal user ids" },
  _edit_datemaj: { use: 'used', note: 'source.updated_at' },
  lieu_accessibilite: { use: 'used', note: 'accessible' },
  rdv_lundi: hours('monday'),
  rdv_mardi: hours('tuesday'),
  rdv_mercredi: hours('wednesday'),
  rdv_jeudi: hours('thursday'),
  rdv_vendredi: hours('friday'),
  rdv_samedi: hours('saturday'),
  rdv_dimanche: hours('sunday'),
  lieu_tel: { use: 'used', note: 'phones, phone_details' },
  rdv: { use: 'ignored', note: 'whether booking is needed: rdv_site_web and the phones say how' },
  date_fermeture: { use: 'used', note: 'closes_on, lifecycle' },
  date_ouverture: { use: 'used', note: 'opens_on, lifecycle' },
  rdv_site_web: { use: 'used', note: 'booking.url (repaired), booking.platform, booking.original_url' },
  rdv_tel: { use: 'used', note: 'phones, phone_details (booking line first)' },
  rdv_tel2: { use: 'used', note: 'phones, phone_details' },
  rdv_modalites: { use: 'kept', note: 'notes, as written; also read for the health-professionals wording' },
  rdv_consultation_prevaccination: {
    use: 'ignored',
    note: 'whether a pre-vaccination consultation is offered: not shown',
  },
  centre_svi_repondeur: { use: 'ignored', note: 'whether the phone line is an answering machine: not shown' },
  centre_fermeture: { use: 'used', note: 'closed, lifecycle' },
  reserve_professionels_sante: { use: 'used', note: 'health_professionals_only' },
  centre_type: { use: 'ignored', note: 'kind of centre (centre, pharmacie…): not used yet' },
};

/** For each column of a file's header, in order: its name, what the import does with it, and why. */
export function accountForColumns(
  header: readonly string[],
): Array<{ column: string; use: ColumnUse; note: string }> {
  const seen = new Set<string>();
  return header.map((raw, position) => {
    const name = normaliseHeaderName(raw);
    if (!name) return { column: `#${position + 1}`, use: 'ignored', note: 'column without a name' };
    if (!isOfficialColumn(name)) return { column: raw.trim(), use: 'ignored', note: 'unknown column' };
    if (seen.has(name))
      return { column: raw.trim(), use: 'ignored', note: 'repeated column: the first is read' };
    seen.add(name);
    return { column: raw.trim(), ...COLUMN_ACCOUNTS[name] };
  });
}
