import { describe, expect, it } from 'vitest';
import { extraDemandKg, flaggedRequests, type DemandRequest } from './request-demand';

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
