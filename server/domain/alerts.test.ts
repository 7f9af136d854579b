import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertLevel } from '../contract-requests';
import { alertLevel, commodityComplaints, failedHandoffs, lowCover, noDelivery, requestSpikes, type SignalRequest } from './alerts';

const RANK: Record<AlertLevel, number> = { yellow: 0, orange: 1, red: 2 };
const NOW = Date.parse('2021-06-03T12:00:00Z');
const T = { spikeWindowS: 3600, baselineS: 24 * 3600, spikeMinCount: 5, spikeFactor: 3 };
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const req = (zoneId: string, minutesAgo: number, over: Partial<SignalRequest> = {}): SignalRequest =>
  ({ zoneId, category: 'food_shortage', commodityId: null, createdAt: at(minutesAgo), ...over });

describe('alertLevel', () => {
  it('climbs yellow → orange → red at the limits', () => {
    const limits = { orangeAfterS: 1800, redAfterS: 7200 };
    expect([0, 1799, 1800, 7199, 7200].map((s) => alertLevel(s, limits))).toEqual(['yellow', 'yellow', 'orange', 'orange', 'red']);
  });

  it('never goes down as an alert ages (property)', () => {
    fc.assert(fc.property(
      fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), fc.nat(100_000),
      (a, b, o, extra) => {
        const limits = { orangeAfterS: o, redAfterS: o + extra };
        const [younger, older] = a <= b ? [a, b] : [b, a];
        return RANK[alertLevel(younger, limits)] <= RANK[alertLevel(older, limits)];
      },
    ));
  });
});

describe('requestSpikes', () => {
  it('flags a zone filing far above its baseline, not a busy zone at its usual rate', () => {
    const quietToday = Array.from({ length: 6 }, (_, i) => req('quiet', i * 5));
    // 'busy' files 6 an hour all day: 6 in the last hour is its normal.
    const busy = Array.from({ length: 6 * 25 }, (_, i) => req('busy', i * 10));
    const spikes = requestSpikes([...quietToday, ...busy], NOW, T);
    expect(spikes.map((s) => s.zoneId)).toEqual(['quiet']);
    expect(spikes[0]!.reasonEn).toMatch(/6 requests in the last 60 min/);
  });

  it('needs the minimum count, ignores old and future requests', () => {
    expect(requestSpikes(Array.from({ length: 4 }, (_, i) => req('z', i)), NOW, T)).toEqual([]);
    expect(requestSpikes(Array.from({ length: 9 }, (_, i) => req('z', 61 + i)), NOW, T)).toEqual([]);
    expect(requestSpikes(Array.from({ length: 9 }, () => req('z', -5)), NOW, T)).toEqual([]);
  });

  it('more requests in the window never clear a spike (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 25 * 60 }), { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }),
      (minutesAgo, more) => {
        const base = minutesAgo.map((m) => req('z', m));
        const before = requestSpikes(base, NOW, T).length;
        const after = requestSpikes([...base, ...more.map((m) => req('z', m))], NOW, T).length;
        return after >= before;
      },
    ));
  });
});

describe('other rules', () => {
  it('commodity complaints: the same commodity N times in the window', () => {
    const rs = [
      req('z', 10, { commodityId: 'eggs' }), req('z', 100, { commodityId: 'eggs', category: 'complaint' }), req('z', 200, { commodityId: 'eggs' }),
      req('z', 10, { commodityId: 'meat' }), req('z', 3000, { commodityId: 'meat' }), req('z', 5, { commodityId: 'meat', category: 'medicine' }),
    ];
    const out = commodityComplaints(rs, NOW, { complaintCount: 3, complaintWindowS: 24 * 3600 }, new Map([['eggs', '鸡蛋']]));
    expect(out.map((a) => a.key)).toEqual(['commodity_complaints:z:eggs']);
    expect(out[0]!.reasonZh).toContain('鸡蛋');
  });

  it('low cover: zones under the threshold, keyed by plan', () => {
    const out = lowCover('p1', [{ zoneId: 'a', daysOfCover: { eggs: 0.5, meat: 2 } }, { zoneId: 'b', daysOfCover: { eggs: null, meat: 3 } }], { lowCoverDays: 1 });
    expect(out.map((a) => [a.key, a.reasonEn])).toEqual([['low_cover:p1:a', 'a has 0.5 days of eggs under the published plan']]);
  });

  it('failed handoffs and zones without delivery', () => {
    expect(failedHandoffs([{ eventId: '1', zoneId: 'a', kind: 'failed', at: at(1) }, { eventId: '2', zoneId: 'a', kind: 'delivered', at: at(1) }]).length).toBe(1);
    const out = noDelivery(['a', 'b', 'c'], new Map([['a', at(60)], ['b', at(13 * 60)]]), NOW, { noDeliveryS: 12 * 3600 });
    expect(out.map((a) => a.zoneId)).toEqual(['b', 'c']);
  });
});
