import type { GeoPoint } from '../../registry/centre.ts';

export interface EvidencePoint {
  x: number;
  y: number;
}

export interface EvidenceMapShape {
  size: number;
  registry: EvidencePoint;
  platform: EvidencePoint;
  /** The scale bar: its length in pixels and in metres (a round number). */
  scale: { px: number; metres: number };
}

const ROUND_METRES = [
  10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
];

/**
 * Two positions drawn on a small square (no tiles, no script): equirectangular around their midpoint,
 * which is exact enough at the few kilometres a match spans, north up, the pair filling the middle
 * with a margin, and a scale bar of a round length.
 */
export function evidenceMap(registry: GeoPoint, platform: GeoPoint, size = 160): EvidenceMapShape {
  const midLat = (registry.lat + platform.lat) / 2;
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((midLat * Math.PI) / 180);
  const toMetres = (point: GeoPoint) => ({
    x: (point.lon - (registry.lon + platform.lon) / 2) * metresPerDegLon,
    y: (point.lat - midLat) * metresPerDegLat,
  });
  const a = toMetres(registry);
  const b = toMetres(platform);
  // At least 50 m across, so two points a few metres apart are not drawn on each other at a silly zoom.
  const span = Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), 50);
  const pxPerMetre = (size * 0.6) / span;
  const project = (point: { x: number; y: number }): EvidencePoint => ({
    x: Math.round((size / 2 + point.x * pxPerMetre) * 10) / 10,
    y: Math.round((size / 2 - point.y * pxPerMetre) * 10) / 10,
  });
  const target = (size * 0.3) / pxPerMetre;
  const metres =
    [...ROUND_METRES].reverse().find((candidate) => candidate <= target) ?? ROUND_METRES[0] ?? 10;
  return {
    size,
    registry: project(a),
    platform: project(b),
    scale: { px: Math.round(metres * pxPerMetre * 10) / 10, metres },
  };
}
