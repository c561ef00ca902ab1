import type { GeoPoint } from '../centre.ts';
import type { Parsed } from './parse-fields.ts';

interface Box {
  name: string;
  lat: readonly [number, number];
  lon: readonly [number, number];
}

/** Generous boxes around each part of France where a vaccination centre can be. */
const FRANCE: readonly Box[] = [
  { name: 'metropolitan France', lat: [41.2, 51.2], lon: [-5.3, 9.7] },
  { name: 'Guadeloupe, Saint-Martin, Saint-Barthélemy', lat: [15.8, 18.2], lon: [-63.2, -60.9] },
  { name: 'Martinique', lat: [14.3, 14.95], lon: [-61.3, -60.75] },
  { name: 'Guyane', lat: [2.0, 5.9], lon: [-54.7, -51.5] },
  { name: 'La Réunion', lat: [-21.45, -20.8], lon: [55.15, 55.9] },
  { name: 'Mayotte', lat: [-13.1, -12.55], lon: [44.95, 45.35] },
  { name: 'Saint-Pierre-et-Miquelon', lat: [46.7, 47.2], lon: [-56.5, -56.1] },
  { name: 'Nouvelle-Calédonie', lat: [-23.0, -19.5], lon: [163.5, 168.2] },
  { name: 'Polynésie française', lat: [-28.0, -7.5], lon: [-155.0, -134.0] },
  { name: 'Wallis-et-Futuna', lat: [-14.4, -13.1], lon: [-178.3, -176.0] },
];

export function isInFrance(point: GeoPoint): boolean {
  return FRANCE.some(
    (box) =>
      point.lat >= box.lat[0] &&
      point.lat <= box.lat[1] &&
      point.lon >= box.lon[0] &&
      point.lon <= box.lon[1],
  );
}

/** A decimal in either notation (`48.11`, `48,11`), or NaN. */
function decimal(text: string): number {
  return /^[+-]?\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
}

/**
 * `lat_coor1` / `long_coor1` → a point in France, or null with the reason. Obviously swapped pairs
 * (the swap lands in France, the pair as given does not) are swapped back.
 */
export function parseCoordinates(latText: string, lonText: string): Parsed<GeoPoint | null> {
  if (!latText && !lonText)
    return { value: null, issue: { kind: 'coordinates-missing', message: 'no coordinates' } };
  const lat = decimal(latText);
  const lon = decimal(lonText);
  const given = `lat_coor1 "${latText}", long_coor1 "${lonText}"`;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    return { value: null, issue: { kind: 'coordinates-invalid', message: `${given} are not coordinates` } };
  }
  if (isInFrance({ lat, lon })) return { value: { lat, lon } };
  if (isInFrance({ lat: lon, lon: lat })) {
    return {
      value: { lat: lon, lon: lat },
      issue: {
        kind: 'coordinates-swapped',
        message: `${given} were swapped; read as lat ${lon}, lon ${lat}`,
      },
    };
  }
  return {
    value: null,
    issue: { kind: 'coordinates-outside-france', message: `${given} lie outside France; treated as missing` },
  };
}
