import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/geo/distance.ts';
import { evidenceMap } from '../../../src/operators/console/evidence-map.ts';

describe('evidenceMap: the registry and platform positions on a small drawn map', () => {
  it('puts both inside the square, north up, at their true distance against its scale bar', () => {
    const registry = { lat: 48.1, lon: -1.68 };
    const platform = { lat: 48.103, lon: -1.675 };
    const shape = evidenceMap(registry, platform, 160);
    for (const point of [shape.registry, shape.platform]) {
      expect(point.x).toBeGreaterThan(0);
      expect(point.x).toBeLessThan(160);
      expect(point.y).toBeGreaterThan(0);
      expect(point.y).toBeLessThan(160);
    }
    // North up, east right.
    expect(shape.platform.y).toBeLessThan(shape.registry.y);
    expect(shape.platform.x).toBeGreaterThan(shape.registry.x);
    const px = Math.hypot(shape.platform.x - shape.registry.x, shape.platform.y - shape.registry.y);
    const metres = distanceKm(registry, platform) * 1000;
    const drawn = (px / shape.scale.px) * shape.scale.metres;
    expect(Math.abs(drawn - metres) / metres).toBeLessThan(0.02);
    expect([10, 20, 50, 100, 200, 500, 1000, 2000]).toContain(shape.scale.metres);
  });

  it('two points at the same place are drawn in the middle, not divided by zero', () => {
    const shape = evidenceMap({ lat: 45, lon: 5 }, { lat: 45, lon: 5 });
    expect(shape.registry).toEqual({ x: 80, y: 80 });
    expect(Number.isFinite(shape.scale.px)).toBe(true);
  });
});
