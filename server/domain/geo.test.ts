import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../contract';
import { centroidOf, containsPoint, overlapAreaM2, polygonAreaM2, representativePoint, roundPolygon } from './geo';

// An L shape whose centroid falls outside it: the reason stops use representativePoint.
const L: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[[113.2, 23.1], [113.23, 23.1], [113.23, 23.103], [113.203, 23.103], [113.203, 23.13], [113.2, 23.13], [113.2, 23.1]]],
};

describe('geo helpers', () => {
  it('gives a representative point inside even when the centroid is outside', () => {
    expect(containsPoint(L, centroidOf(L))).toBe(false);
    expect(containsPoint(L, representativePoint(L))).toBe(true);
  });

  it('measures area and overlap in square metres', () => {
    const a: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.2, 23.1], [113.21, 23.1], [113.21, 23.11], [113.2, 23.11], [113.2, 23.1]]] };
    const b: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.205, 23.1], [113.215, 23.1], [113.215, 23.11], [113.205, 23.11], [113.205, 23.1]]] };
    const far: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.31, 23.1], [113.31, 23.11], [113.3, 23.1]]] };
    expect(polygonAreaM2(a) / 1e6).toBeCloseTo(1.13, 1);
    expect(overlapAreaM2(a, b)).toBeCloseTo(polygonAreaM2(a) / 2, -3);
    expect(overlapAreaM2(a, far)).toBe(0);
  });

  it('rounds to 5 decimals and keeps rings closed', () => {
    const r = roundPolygon({ type: 'Polygon', coordinates: [[[113.123456, 23.987654], [113.2, 23.1], [113.2, 23.2], [113.123456, 23.987654]]] });
    expect(r.coordinates[0]![0]).toEqual([113.12346, 23.98765]);
    expect(r.coordinates[0]![3]).toEqual(r.coordinates[0]![0]);
  });
});
