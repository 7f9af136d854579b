import { describe, expect, it } from 'vitest';
import type { District, Zone } from '../../../server/contract';
import { COVER_BANDS, LIFTED_COLOUR, TIER_COLOURS, colourFor } from './colour';
import { tierChoices } from './tiers';
import { districtFor, polygonFromPoints, sortZones, zoneToInput } from './zone-input';

const zone = (id: string, tier: string, population: number, extra: Partial<Zone> = {}): Zone => ({
  id, districtId: 'liwan', streetId: null, name: id, nameEn: '', tier, status: 'active', population, populationEstimated: false,
  households: 1, specialNeeds: { elderlyAlone: 0, infants: 0, chronicPatients: 0 },
  polygon: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, sealedAt: null, liftedAt: null, updatedAt: '2021-06-01T00:00:00Z',
  ...extra,
});

describe('colourFor', () => {
  it('colours by tier until days of cover are known, then by cover band', () => {
    expect(colourFor(zone('a', 'sealed', 1))).toBe(TIER_COLOURS.sealed);
    expect(colourFor(zone('a', 'sealed', 1), 0.5)).toBe(COVER_BANDS[0]!.colour);
    expect(colourFor(zone('a', 'sealed', 1), 10)).toBe(COVER_BANDS[3]!.colour);
    expect(colourFor(zone('a', 'sealed', 1), null)).toBe(TIER_COLOURS.sealed);
    expect(colourFor(zone('a', 'sealed', 1, { status: 'lifted' }), 0.5)).toBe(LIFTED_COLOUR);
  });
});

describe('zone helpers', () => {
  it('sorts strictest tier first, then by population; by cover when given', () => {
    const zones = [zone('p', 'precaution', 9), zone('c', 'controlled', 5), zone('s1', 'sealed', 1), zone('s2', 'sealed', 7), zone('x', 'custom', 99)];
    expect(sortZones(zones).map((z) => z.id)).toEqual(['s2', 's1', 'c', 'p', 'x']);
    expect(sortZones(zones, new Map([['p', 0.5], ['c', 3]])).map((z) => z.id).slice(0, 2)).toEqual(['p', 'c']);
    expect(tierChoices(zones)).toEqual(['sealed', 'controlled', 'precaution', 'custom']);
  });

  it('closes drawn rings and picks the most specific district holding every corner', () => {
    expect(polygonFromPoints([[113.1, 23.1], [113.2, 23.1], [113.2, 23.2]]).coordinates[0]).toEqual([[113.1, 23.1], [113.2, 23.1], [113.2, 23.2], [113.1, 23.1]]);
    const d = (id: string, bbox: District['bbox']): District => ({ id, name: id, nameEn: id, city: 'x', bbox });
    const districts = [d('nanhai', [112.83, 22.8, 113.26, 23.35]), d('liwan', [113.17, 23.03, 113.28, 23.17])];
    expect(districtFor(districts, [[113.2, 23.1], [113.21, 23.11]])?.id).toBe('liwan');
    expect(districtFor(districts, [[113.0, 23.1]])?.id).toBe('nanhai');
    expect(districtFor(districts, [])).toBeUndefined();
  });

  it('turns a zone back into a strict PUT body with changes applied', () => {
    const body = zoneToInput(zone('a', 'sealed', 10), { tier: 'controlled', population: 20 });
    expect(body).toMatchObject({ tier: 'controlled', population: 20, districtId: 'liwan' });
    expect(Object.keys(body)).not.toContain('updatedAt');
    expect(Object.keys(body)).not.toContain('id');
  });
});
