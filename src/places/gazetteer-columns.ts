import { z } from 'zod';
import { departementNeighbours } from './departement-neighbours.ts';
import type { GazetteerData } from './gazetteer.ts';
import { searchKey } from './normalise.ts';
import type { Commune, Departement } from './types.ts';

/**
 * The gazetteer as columns: every string once in one text (a string is a start and an end in it),
 * every commune a row of typed arrays, the name and postcode indexes sorted once, when the file is
 * built. A process holds a few megabytes of typed arrays and one string instead of 35,000 communes,
 * their locations, postcode lists and 70,000 search entries as objects; a `Commune` is made only when
 * a lookup returns it (`communeAt`) and dropped with the answer.
 *
 * Stored as one binary file: `CRGZ`, a little-endian u32 header length, the JSON header (below), then
 * each column at an offset aligned to 8 bytes, then the text in UTF-8. The same bytes serve the
 * tests (built in memory from made-up sources) and the cache file.
 */

const MAGIC = 'CRGZ';
export const COLUMNS_VERSION = 2;

const Int32 = 'i32';
const Float64 = 'f64';
const Uint8 = 'u8';
const ColumnType = z.enum([Int32, Float64, Uint8]);
type ColumnType = z.infer<typeof ColumnType>;

const Header = z.strictObject({
  version: z.literal(COLUMNS_VERSION),
  communes: z.int().nonnegative(),
  /** [code, name, chef-lieu commune row]. */
  departements: z.array(z.tuple([z.string(), z.string(), z.int().nonnegative()])),
  /** Département code → the codes of the départements it touches (departement-neighbours.ts). */
  neighbours: z.record(z.string(), z.array(z.string())),
  columns: z.record(z.string(), z.strictObject({ type: ColumnType, offset: z.int(), length: z.int() })),
  text: z.strictObject({ offset: z.int(), bytes: z.int() }),
});

/** What each column holds; `row` is a commune's position in `GazetteerData.communes`, `string` an id in the text. */
interface Columns {
  /** Per string id: where it starts in the text; one more entry for the end of the last. */
  stringStart: Int32Array;
  insee: Int32Array;
  name: Int32Array;
  /** The commune's `searchKey(name)`, for the typo pass. */
  nameKey: Int32Array;
  departement: Int32Array;
  /** -1 for none. */
  region: Int32Array;
  epci: Int32Array;
  arrondissementOf: Int32Array;
  population: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  approximate: Uint8Array;
  /** Row r's postcodes are postcodeIds[postcodesStart[r] .. postcodesStart[r + 1]], sorted. */
  postcodesStart: Int32Array;
  postcodeIds: Int32Array;
  /** Rows sorted by INSEE code. */
  byInsee: Int32Array;
  /** Former or delegated codes (string ids, sorted) and the row each now belongs to. */
  aliasCode: Int32Array;
  aliasRow: Int32Array;
  /** Every postcode once (string ids, sorted); its communes, best first, at postcodeRows[postcodeStart[p] ..]. */
  postcode: Int32Array;
  postcodeStart: Int32Array;
  postcodeRows: Int32Array;
  /**
   * Name search entries sorted by key: the key is text[keyStart, keyEnd) (a whole name's key, or
   * the part of it from a later word on); the target a row, or communes + a département's position.
   */
  keyStart: Int32Array;
  keyEnd: Int32Array;
  keyTarget: Int32Array;
  keyWhole: Uint8Array;
  /** Rows the nearest-commune search answers with (located by a source, and not a city split into arrondissements). */
  nearby: Int32Array;
}

const COLUMN_TYPES: Record<keyof Columns, ColumnType> = {
  stringStart: Int32,
  insee: Int32,
  name: Int32,
  nameKey: Int32,
  departement: Int32,
  region: Int32,
  epci: Int32,
  arrondissementOf: Int32,
  population: Float64,
  lat: Float64,
  lon: Float64,
  approximate: Uint8,
  postcodesStart: Int32,
  postcodeIds: Int32,
  byInsee: Int32,
  aliasCode: Int32,
  aliasRow: Int32,
  postcode: Int32,
  postcodeStart: Int32,
  postcodeRows: Int32,
  keyStart: Int32,
  keyEnd: Int32,
  keyTarget: Int32,
  keyWhole: Uint8,
  nearby: Int32,
};

/** Words a later-word search should not start on: "de" would otherwise match half of France. */
const LINKING_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'sous',
  'sur',
]);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reconciled data → the binary file's bytes. */
export function encodeGazetteer(data: GazetteerData): Uint8Array {
  const { communes, departements } = data;
  const n = communes.length;
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const starts: number[] = [];
  let textLength = 0;
  const intern = (text: string): number => {
    const known = stringIds.get(text);
    if (known !== undefined) return known;
    const id = strings.length;
    strings.push(text);
    starts.push(textLength);
    textLength += text.length;
    stringIds.set(text, id);
    return id;
  };
  const optional = (text: string | null | undefined) => (text ? intern(text) : -1);

  const rowOf = new Map(communes.map((commune, row) => [commune.insee, row]));
  const int = (values: Iterable<number>) => Int32Array.from(values);

  const postcodesStart = new Int32Array(n + 1);
  const postcodeIds: number[] = [];
  communes.forEach((commune, row) => {
    postcodesStart[row] = postcodeIds.length;
    for (const postcode of [...commune.postcodes].sort()) postcodeIds.push(intern(postcode));
  });
  postcodesStart[n] = postcodeIds.length;

  // A postcode of Paris, Lyon or Marseille names an arrondissement more precisely than the city.
  const cities = new Set(
    communes.flatMap((commune) => (commune.arrondissementOf ? [commune.arrondissementOf] : [])),
  );
  const rowsOfPostcode = new Map<string, number[]>();
  communes.forEach((commune, row) => {
    for (const postcode of commune.postcodes) {
      const rows = rowsOfPostcode.get(postcode);
      if (rows) rows.push(row);
      else rowsOfPostcode.set(postcode, [row]);
    }
  });
  const byPopulation = (a: Commune, b: Commune) =>
    b.population - a.population || a.insee.localeCompare(b.insee);
  const sortedPostcodes = [...rowsOfPostcode.keys()].sort(compareText);
  const postcodeStart: number[] = [];
  const postcodeRows: number[] = [];
  for (const postcode of sortedPostcodes) {
    postcodeStart.push(postcodeRows.length);
    const rows = rowsOfPostcode.get(postcode) ?? [];
    rows.sort((a, b) => {
      const ca = communes[a] as Commune;
      const cb = communes[b] as Commune;
      return Number(cities.has(ca.insee)) - Number(cities.has(cb.insee)) || byPopulation(ca, cb);
    });
    postcodeRows.push(...rows);
  }
  postcodeStart.push(postcodeRows.length);

  const aliases = [...data.aliases]
    .filter(([, code]) => rowOf.has(code))
    .sort(([a], [b]) => compareText(a, b));

  // Name entries, in the order the search has always pushed them (communes then départements, the
  // whole name then its later words), sorted stably by key.
  const entries: Array<{ key: string; start: number; end: number; target: number; whole: boolean }> = [];
  const nameKey = new Int32Array(n);
  const addNames = (name: string, target: number) => {
    const key = searchKey(name);
    const id = intern(key);
    const start = starts[id] as number;
    entries.push({ key, start, end: start + key.length, target, whole: true });
    const words = key.split(' ');
    let offset = 0;
    for (let i = 1; i < words.length; i++) {
      offset += (words[i - 1] as string).length + 1;
      if (!LINKING_WORDS.has(words[i] ?? ''))
        entries.push({
          key: key.slice(offset),
          start: start + offset,
          end: start + key.length,
          target,
          whole: false,
        });
    }
    return id;
  };
  communes.forEach((commune, row) => {
    nameKey[row] = addNames(commune.name, row);
  });
  departements.forEach((departement, i) => {
    addNames(departement.name, n + i);
  });
  entries.sort((a, b) => compareText(a.key, b.key));

  const nearby: number[] = [];
  communes.forEach((commune, row) => {
    if (commune.location.approximate) return;
    if (
      cities.has(commune.insee) &&
      communes.some((c) => c.arrondissementOf === commune.insee && !c.location.approximate)
    )
      return;
    nearby.push(row);
  });

  const columns: Columns = {
    stringStart: new Int32Array(0),
    insee: int(communes.map((c) => intern(c.insee))),
    name: int(communes.map((c) => intern(c.name))),
    nameKey,
    departement: int(communes.map((c) => intern(c.departement))),
    region: int(communes.map((c) => optional(c.region))),
    epci: int(communes.map((c) => optional(c.epci))),
    arrondissementOf: int(communes.map((c) => optional(c.arrondissementOf))),
    population: Float64Array.from(communes, (c) => c.population),
    lat: Float64Array.from(communes, (c) => c.location.lat),
    lon: Float64Array.from(communes, (c) => c.location.lon),
    approximate: Uint8Array.from(communes, (c) => (c.location.approximate ? 1 : 0)),
    postcodesStart,
    postcodeIds: int(postcodeIds),
    byInsee: int(
      communes
        .map((commune, row) => ({ insee: commune.insee, row }))
        .sort((a, b) => compareText(a.insee, b.insee))
        .map(({ row }) => row),
    ),
    aliasCode: int(aliases.map(([code]) => intern(code))),
    aliasRow: int(aliases.map(([, code]) => rowOf.get(code) as number)),
    postcode: int(sortedPostcodes.map(intern)),
    postcodeStart: int(postcodeStart),
    postcodeRows: int(postcodeRows),
    keyStart: int(entries.map((e) => e.start)),
    keyEnd: int(entries.map((e) => e.end)),
    keyTarget: int(entries.map((e) => e.target)),
    keyWhole: Uint8Array.from(entries, (e) => (e.whole ? 1 : 0)),
    nearby: int(nearby),
  };
  columns.stringStart = int([...starts, textLength]);

  const text = Buffer.from(strings.join(''), 'utf8');
  const layout: z.infer<typeof Header>['columns'] = {};
  let offset = 0;
  for (const [name, type] of Object.entries(COLUMN_TYPES) as Array<[keyof Columns, ColumnType]>) {
    const column = columns[name];
    layout[name] = { type, offset, length: column.length };
    offset += Math.ceil(column.byteLength / 8) * 8;
  }
  const departementRows = departements.map((d): [string, string, number] => {
    const row = rowOf.get(d.chefLieu);
    if (row === undefined)
      throw new Error(`gazetteer: chef-lieu ${d.chefLieu} of ${d.code} is not a commune`);
    return [d.code, d.name, row];
  });
  const neighbours = departementNeighbours(communes);
  const header = (bodyStart: number) =>
    JSON.stringify({
      version: COLUMNS_VERSION,
      communes: n,
      departements: departementRows,
      neighbours,
      columns: Object.fromEntries(
        Object.entries(layout).map(([name, c]) => [name, { ...c, offset: bodyStart + c.offset }]),
      ),
      text: { offset: bodyStart + offset, bytes: text.byteLength },
    } satisfies z.infer<typeof Header>);
  // The header's length depends on the offsets it gives: grow the body's start until it fits.
  let bodyStart = 0;
  let json = header(bodyStart);
  while (8 + Buffer.byteLength(json) > bodyStart) {
    bodyStart = Math.ceil((8 + Buffer.byteLength(json) + 64) / 8) * 8;
    json = header(bodyStart);
  }
  const bytes = new Uint8Array(bodyStart + offset + text.byteLength);
  const view = Buffer.from(bytes.buffer);
  view.write(MAGIC, 0, 'latin1');
  view.writeUInt32LE(Buffer.byteLength(json), 4);
  view.write(json, 8, 'utf8');
  for (const [name, place] of Object.entries(layout)) {
    const column = columns[name as keyof Columns];
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), bodyStart + place.offset);
  }
  bytes.set(text, bodyStart + offset);
  return bytes;
}

/** The columns over the file's bytes (views, no copy when aligned), and the text as one string. */
export interface GazetteerColumns extends Columns {
  readonly count: number;
  readonly text: string;
  readonly departements: readonly Departement[];
  /** Département code → the départements it touches. */
  readonly neighbours: Readonly<Record<string, readonly string[]>>;
  /** The string of an id. */
  string(id: number): string;
  /** A row as the `Commune` the API has always given. */
  communeAt(row: number): Commune;
  /** The row of a current commune's INSEE code, or of a former or delegated code's commune; -1 when unknown. */
  rowOf(insee: string): number;
  /** Rows of a postcode, best first (empty when unknown). */
  postcodeRowsOf(postcode: string): Int32Array;
  /** First entry index whose key is >= `key`. */
  keyLowerBound(key: string): number;
  /** Whether entry `entry`'s key starts with `key`, and whether it equals it. */
  keyMatch(entry: number, key: string): 'none' | 'prefix' | 'exact';
  /** First postcode position whose postcode is >= `prefix`. */
  postcodeLowerBound(prefix: string): number;
}

/** Compares text[start, end) with `key` as JS compares strings. */
function compareAt(text: string, start: number, end: number, key: string): number {
  const length = Math.min(end - start, key.length);
  for (let i = 0; i < length; i++) {
    const difference = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return end - start - key.length;
}

export function decodeGazetteer(bytes: Uint8Array): GazetteerColumns {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 0, 4) !== MAGIC) throw new Error('gazetteer: not a columns file');
  const headerLength = view.readUInt32LE(4);
  const header = Header.parse(JSON.parse(view.toString('utf8', 8, 8 + headerLength)));
  const columns = {} as Columns;
  for (const [name, type] of Object.entries(COLUMN_TYPES) as Array<[keyof Columns, ColumnType]>) {
    const place = header.columns[name];
    if (!place || place.type !== type) throw new Error(`gazetteer: column ${name} missing`);
    const Type = type === Int32 ? Int32Array : type === Float64 ? Float64Array : Uint8Array;
    const start = bytes.byteOffset + place.offset;
    const byteLength = place.length * Type.BYTES_PER_ELEMENT;
    if (place.offset + byteLength > bytes.byteLength) throw new Error(`gazetteer: column ${name} truncated`);
    // A view when aligned; a copy otherwise (a Buffer from a pool may start anywhere).
    const column =
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(bytes.buffer as ArrayBuffer, start, place.length)
        : new Type(bytes.slice(place.offset, place.offset + byteLength).buffer);
    (columns as unknown as Record<string, unknown>)[name] = column;
  }
  const text = view.toString('utf8', header.text.offset, header.text.offset + header.text.bytes);
  const c = columns;
  const count = header.communes;
  if (c.stringStart[c.stringStart.length - 1] !== text.length)
    throw new Error('gazetteer: text does not match');

  const string = (id: number) => text.slice(c.stringStart[id], c.stringStart[id + 1]);
  const optional = (id: number) => (id < 0 ? null : string(id));
  const communeAt = (row: number): Commune => {
    const postcodes: string[] = [];
    for (let i = c.postcodesStart[row] as number; i < (c.postcodesStart[row + 1] as number); i++)
      postcodes.push(string(c.postcodeIds[i] as number));
    const arrondissementOf = c.arrondissementOf[row] as number;
    return {
      insee: string(c.insee[row] as number),
      name: string(c.name[row] as number),
      postcodes,
      departement: string(c.departement[row] as number),
      region: optional(c.region[row] as number),
      epci: optional(c.epci[row] as number),
      population: c.population[row] as number,
      location: {
        lat: c.lat[row] as number,
        lon: c.lon[row] as number,
        approximate: c.approximate[row] === 1,
      },
      ...(arrondissementOf >= 0 ? { arrondissementOf: string(arrondissementOf) } : {}),
    };
  };
  const compareId = (id: number, key: string) =>
    compareAt(text, c.stringStart[id] as number, c.stringStart[id + 1] as number, key);
  /** First position in `sorted` (ids of strings, or rows through `idOf`) whose string is >= key. */
  const lowerBound = (length: number, idAt: (i: number) => number, key: string) => {
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareId(idAt(middle), key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const find = (length: number, idAt: (i: number) => number, key: string) => {
    const at = lowerBound(length, idAt, key);
    return at < length && compareId(idAt(at), key) === 0 ? at : -1;
  };
  const inseeAt = (i: number) => c.insee[c.byInsee[i] as number] as number;
  const rowOf = (insee: string) => {
    const at = find(count, inseeAt, insee);
    if (at >= 0) return c.byInsee[at] as number;
    const alias = find(c.aliasCode.length, (i) => c.aliasCode[i] as number, insee);
    return alias >= 0 ? (c.aliasRow[alias] as number) : -1;
  };
  const postcodeAt = (i: number) => c.postcode[i] as number;
  const none = new Int32Array(0);
  const postcodeRowsOf = (postcode: string) => {
    const at = find(c.postcode.length, postcodeAt, postcode);
    return at < 0 ? none : c.postcodeRows.subarray(c.postcodeStart[at], c.postcodeStart[at + 1]);
  };
  const keyLowerBound = (key: string) => {
    let low = 0;
    let high = c.keyStart.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareAt(text, c.keyStart[middle] as number, c.keyEnd[middle] as number, key) < 0)
        low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const keyMatch = (entry: number, key: string): 'none' | 'prefix' | 'exact' => {
    const start = c.keyStart[entry] as number;
    const end = c.keyEnd[entry] as number;
    if (end - start < key.length || !text.startsWith(key, start)) return 'none';
    return end - start === key.length ? 'exact' : 'prefix';
  };
  const departements: Departement[] = header.departements.map(([code, name, row]) => {
    const { location } = communeAt(row);
    return { code, name, chefLieu: string(c.insee[row] as number), location };
  });
  return {
    ...columns,
    count,
    text,
    departements,
    neighbours: header.neighbours,
    string,
    communeAt,
    rowOf,
    postcodeRowsOf,
    keyLowerBound,
    keyMatch,
    postcodeLowerBound: (prefix) => lowerBound(c.postcode.length, postcodeAt, prefix),
  };
}
