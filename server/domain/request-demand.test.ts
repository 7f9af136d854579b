import { describe, expect, it } from 'vitest';
import { extraDemandKg, flaggedRequests, UNVERIFIED_KG_CAP_PER_ZONE, type DemandRequest } from './request-demand';

const commodities = [{ id: 'eggs' }, { id: 'vegetables' }];
const req = (over: Partial<DemandRequest>): DemandRequest => ({ zoneId: 'z1', category: 'other', commodityId: null, status: 'new', ...over });

describe('extraDemandKg', () => {
  it('adds eggs per open infant request, the named commodity for food shortages', () => {
    const out = extraDemandKg([
      req({ category: 'infant_needs' }), req({ category: 'infant_needs', status: 'assigned' }),
      req({ category: 'food_shortage', commodityId: 'vegetables', zoneId: 'z2' }),
    ], commodities);
    expect(out.get('z1')).toEqual({ eggs: 2 });
    expect(out.get('z2')).toEqual({ vegetables: 2 });
  });

  it('ignores closed requests, unknown commodities and categories that add no goods', () => {
    const out = extraDemandKg([
      req({ category: 'infant_needs', status: 'resolved' }), req({ category: 'infant_needs', status: 'referred' }),
      req({ category: 'food_shortage', commodityId: 'rice' }), req({ category: 'food_shortage' }), req({ category: 'medicine' }),
    ], commodities);
    expect(out.size).toBe(0);
  });

  it('flags medicine and care requests instead', () => {
    expect(flaggedRequests([req({ category: 'medicine' }), req({ category: 'elderly_disabled_care' }), req({ category: 'complaint' })]).get('z1')).toBe(2);
  });
});

describe('unverified requests (issue 15: public request spam)', () => {
  it('add at most UNVERIFIED_KG_CAP_PER_ZONE kg to a zone until staff take them on', () => {
    const flood = Array.from({ length: 500 }, () => req({ category: 'food_shortage', commodityId: 'vegetables' }));
    const out = extraDemandKg([...flood, req({ category: 'infant_needs', zoneId: 'z2' })], commodities);
    expect(out.get('z1')).toEqual({ vegetables: UNVERIFIED_KG_CAP_PER_ZONE });
    // The cap is per zone: another zone's request is not crowded out.
    expect(out.get('z2')).toEqual({ eggs: 1 });
  });

  it('counts confirmed (assigned) requests in full, beside the capped unverified ones', () => {
    const confirmed = Array.from({ length: 30 }, () => req({ category: 'food_shortage', commodityId: 'vegetables', status: 'assigned' }));
    const unverified = Array.from({ length: 30 }, () => req({ category: 'infant_needs' }));
    const out = extraDemandKg([...unverified, ...confirmed], commodities);
    expect(out.get('z1')).toEqual({ eggs: UNVERIFIED_KG_CAP_PER_ZONE, vegetables: 60 });
  });

  it('splits the cap over commodities in filing order, the last request part-way', () => {
    const out = extraDemandKg([
      ...Array.from({ length: 9 }, () => req({ category: 'food_shortage', commodityId: 'vegetables' })),
      req({ category: 'special_diet', commodityId: 'eggs' }), req({ category: 'food_shortage', commodityId: 'eggs' }),
    ], commodities, undefined, 19.5);
    expect(out.get('z1')).toEqual({ vegetables: 18, eggs: 1.5 });
  });
});
