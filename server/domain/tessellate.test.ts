import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../contract';
import { containsPoint, overlapAreaM2, polygonAreaM2 } from './geo';
import { validatePolygon } from './geo-validate';
import { tessellate } from './tessellate';

const OUTLINE: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.2, 23.05], [113.26, 23.05], [113.26, 23.12], [113.2, 23.12], [113.2, 23.05]]] };
const SITES = [
  { id: 'a', centre: [113.215, 23.07] as [number, number], targetAreaM2: 3e6 },
  { id: 'b', centre: [113.23, 23.075] as [number, number], targetAreaM2: 50e6 },
  { id: 'c', centre: [113.245, 23.1] as [number, number], targetAreaM2: 1e6 },
];

describe('tessellate', () => {
  const zones = tessellate(SITES, OUTLINE);

  it('draws one valid polygon of 6–12 vertices per site, containing the site', () => {
    for (const s of SITES) {
      const p = zones.get(s.id)!;
      expect(validatePolygon(p)).toEqual([]);
      const n = (p.coordinates[0]?.length ?? 0) - 1;
      expect(n).toBeGreaterThanOrEqual(6);
      expect(n).toBeLessThanOrEqual(12);
      expect(containsPoint(p, s.centre)).toBe(true);
    }
  });

  it('hits a reachable target area and never overlaps a neighbour', () => {
    expect(polygonAreaM2(zones.get('a')!) / 3e6).toBeCloseTo(1, 1);
    expect(polygonAreaM2(zones.get('c')!) / 1e6).toBeCloseTo(1, 1);
    expect(polygonAreaM2(zones.get('b')!)).toBeLessThan(50e6);
    expect(overlapAreaM2(zones.get('a')!, zones.get('b')!)).toBe(0);
    expect(overlapAreaM2(zones.get('b')!, zones.get('c')!)).toBe(0);
  });

  it('is deterministic', () => {
    expect(tessellate(SITES, OUTLINE)).toEqual(zones);
  });
});
