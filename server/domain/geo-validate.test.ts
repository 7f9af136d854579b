import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LngLat, PolygonGeometry } from '../contract';
import { MAX_POLYGON_POSITIONS, looksLikeLatLng, validatePolygon } from './geo-validate';
import { starRing } from '../testing/polygons';

const LIWAN_BBOX: [number, number, number, number] = [113.17, 23.03, 113.28, 23.17];
const square = (lng: number, lat: number, d: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const messages = (input: unknown, opts = {}): string[] => validatePolygon(input, opts).map((p) => `${p.path}: ${p.message}`);

describe('validatePolygon', () => {
  it('accepts a simple square in Liwan', () => {
    expect(validatePolygon(square(113.23, 23.09, 0.01), { districtBbox: LIWAN_BBOX })).toEqual([]);
  });

  it('names the wrong geometry type and non-objects', () => {
    expect(messages({ type: 'Point', coordinates: [1, 2] })).toEqual(['polygon.type: geometry type must be "Polygon", got "Point"']);
    expect(messages(null)).toEqual(['polygon: polygon must be a GeoJSON object']);
    expect(messages({ type: 'Polygon', coordinates: [] })[0]).toMatch(/non-empty array of rings/);
  });

  it('points at a ring that is too short or not closed', () => {
    expect(messages({ type: 'Polygon', coordinates: [[[113.2, 23.1], [113.21, 23.1], [113.2, 23.1]]] }))
      .toEqual(['polygon.coordinates[0]: outer ring has 3 positions; a closed ring needs at least 4 (3 corners + the first repeated)']);
    const open = square(113.23, 23.09, 0.01);
    open.coordinates[0]![4] = [113.231, 23.09];
    expect(messages(open)).toEqual(['polygon.coordinates[0][4]: outer ring is not closed: the last position must repeat the first']);
  });

  it('points at non-numeric and out-of-range positions', () => {
    const bad = square(113.23, 23.09, 0.01) as unknown as { coordinates: unknown[][][] };
    bad.coordinates[0]![2] = [113.24, 'north'];
    bad.coordinates[0]![3] = [200, 23.1];
    expect(messages(bad, { path: 'features[2].geometry' })).toEqual([
      'features[2].geometry.coordinates[0][2]: position must hold two finite numbers [lng, lat]',
      'features[2].geometry.coordinates[0][3]: longitude 200 is outside -180..180',
    ]);
    const nan = square(113.23, 23.09, 0.01);
    nan.coordinates[0]![1] = [Number.NaN, 23.09];
    expect(messages(nan)[0]).toMatch(/coordinates\[0\]\[1\]: position must hold two finite numbers/);
  });

  it('reports a bow-tie as crossing itself', () => {
    const bowTie: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.2, 23.1], [113.21, 23.11], [113.21, 23.1], [113.2, 23.11], [113.2, 23.1]]] };
    expect(messages(bowTie)).toEqual(['polygon.coordinates: polygon crosses itself or touches itself (first near [113.205, 23.105])']);
  });

  it('accepts the largest polygon allowed and refuses one position more, naming the coordinates', () => {
    const largest = { type: 'Polygon', coordinates: [starRing(MAX_POLYGON_POSITIONS - 1)] };
    expect(largest.coordinates[0]).toHaveLength(5_000);
    expect(validatePolygon(largest, { districtBbox: LIWAN_BBOX })).toEqual([]);
    // Split over rings, the positions still count together.
    const tooMany = { type: 'Polygon', coordinates: [starRing(4_000), starRing(999, [113.225, 23.1], 0.004, 0.002)] };
    expect(messages(tooMany)).toEqual(['polygon.coordinates: polygon has 5001 positions; at most 5000 are allowed (all rings together)']);
  });

  it('refuses holes that cross or touch the outer ring', () => {
    const outer = square(113.2, 23.1, 0.02).coordinates[0]!;
    const crossing = square(113.215, 23.105, 0.01).coordinates[0]!;
    const touching: LngLat[] = [[113.2, 23.11], [113.205, 23.105], [113.205, 23.115], [113.2, 23.11]];
    expect(messages({ type: 'Polygon', coordinates: [outer, crossing] })[0]).toMatch(/^polygon.coordinates: polygon crosses itself or touches itself \(first near \[113.22, 23.105\]\)/);
    expect(messages({ type: 'Polygon', coordinates: [outer, touching] })).toEqual(['polygon.coordinates: polygon crosses itself or touches itself (first near [113.2, 23.11])']);
  });

  it('requires holes inside the outer ring', () => {
    const outer = square(113.2, 23.1, 0.02).coordinates[0]!;
    const inside = square(113.205, 23.105, 0.005).coordinates[0]!;
    const outside = square(113.25, 23.15, 0.005).coordinates[0]!;
    expect(validatePolygon({ type: 'Polygon', coordinates: [outer, inside] })).toEqual([]);
    expect(messages({ type: 'Polygon', coordinates: [outer, outside] })).toEqual(['polygon.coordinates[1][0]: hole 1 is not inside the outer ring']);
  });

  it('rejects implausibly small or large areas, with configurable limits', () => {
    expect(messages(square(113.2, 23.1, 0.00001))[0]).toMatch(/area 1 m² is below the minimum of 100 m²/);
    expect(messages(square(100, 20, 1), { maxAreaM2: 1e9 })[0]).toMatch(/km² is above the maximum of 1000 km²/);
    expect(validatePolygon(square(113.2, 23.1, 0.00001), { minAreaM2: 0 })).toEqual([]);
  });

  it('explains [lat, lng] input instead of only complaining about latitude', () => {
    const swapped = { type: 'Polygon', coordinates: [square(113.23, 23.09, 0.01).coordinates[0]!.map(([a, b]) => [b, a])] };
    const found = messages(swapped, { districtBbox: LIWAN_BBOX });
    expect(found[0]).toBe('polygon.coordinates: coordinates look like [lat, lng] (they fall inside the district only when swapped); GeoJSON needs [lng, lat]');
    expect(found[1]).toMatch(/latitude 113.23 is outside -90..90/);
  });
});

describe('looksLikeLatLng', () => {
  const inLiwan = fc.tuple(fc.double({ min: 113.18, max: 113.26, noNaN: true }), fc.double({ min: 23.04, max: 23.15, noNaN: true }));

  it('detects the swapped version of any polygon inside Liwan, and never the original', () => {
    fc.assert(fc.property(inLiwan, fc.double({ min: 0.0005, max: 0.01, noNaN: true }), ([lng, lat], d) => {
      const p = square(lng, lat, d);
      const swapped: PolygonGeometry = { type: 'Polygon', coordinates: p.coordinates.map((r) => r.map(([a, b]): LngLat => [b, a])) };
      expect(validatePolygon(p, { districtBbox: LIWAN_BBOX })).toEqual([]);
      expect(looksLikeLatLng(p, LIWAN_BBOX)).toBe(false);
      expect(looksLikeLatLng(swapped, LIWAN_BBOX)).toBe(true);
    }));
  });

  it('does not flag a polygon that is simply elsewhere', () => {
    expect(looksLikeLatLng(square(116.4, 39.9, 0.01), LIWAN_BBOX)).toBe(false);
  });
});
