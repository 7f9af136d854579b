import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertLevel } from '../contract/requests';
import {
  alertLevel, commodityComplaints, failedHandoffs, lowCover, MISSED_ETA_LOOKBACK_S, missedEtas, noDelivery, requestSpikes,
  type PlannedStop, type SignalRequest,
} from './alerts';

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

  it('low cover: one alert per zone and short commodity, keyed without the plan', () => {
    const out = lowCover([
      { zoneId: 'a', daysOfCover: { eggs: 0.5, meat: 2, oil: 0.2 } }, { zoneId: 'b', daysOfCover: { eggs: null, meat: 3 } },
    ], { lowCoverDays: 1 });
    expect(out.map((a) => [a.key, a.commodityId, a.coverDays, a.reasonEn])).toEqual([
      ['low_cover/a/eggs', 'eggs', 0.5, 'a has 0.5 days of eggs under the published plan'],
      ['low_cover/a/oil', 'oil', 0.2, 'a has 0.2 days of oil under the published plan'],
    ]);
    expect(out.every((a) => a.current)).toBe(true);
  });

  it('failed handoffs and zones without delivery', () => {
    expect(failedHandoffs([{ eventId: '1', zoneId: 'a', kind: 'failed', at: at(1) }, { eventId: '2', zoneId: 'a', kind: 'delivered', at: at(1) }]).length).toBe(1);
    const out = noDelivery(['a', 'b', 'c'], new Map([['a', at(60)], ['b', at(13 * 60)]]), NOW, { noDeliveryS: 12 * 3600 });
    expect(out.map((a) => a.zoneId)).toEqual(['b', 'c']);
  });
});

describe('missedEtas', () => {
  const T_ETA = { missedEtaS: 1800 };
  const stop = (over: Partial<PlannedStop> = {}): PlannedStop => ({
    planId: 'p1', planStatus: 'published', vehicleId: 'v1', tripIndex: 0, stopIndex: 2, zoneId: 'z', plannedAt: at(60), status: 'pending', ...over,
  });
  const planned = Date.parse(at(60));

  it('fires at the threshold past the planned arrival, not one second below', () => {
    expect(missedEtas([stop()], planned + 1800_000 - 1000, T_ETA)).toEqual([]);
    const [c] = missedEtas([stop()], planned + 1800_000, T_ETA, new Map([['z', '逢源街小区'], ['v1', '粤A·荔01']]));
    expect(c).toMatchObject({ zoneId: 'z', rule: 'missed_eta', key: 'missed_eta:p1:v1:0/2', cooldownS: Number.POSITIVE_INFINITY });
    expect(c!.reasonZh).toBe('逢源街小区：配送车粤A·荔01已超过计划到达时间30分钟，仍未到达');
    expect(c!.reasonEn).toBe('逢源街小区: van 粤A·荔01 is 30 min past its planned arrival and has not arrived');
  });

  it('follows the configured threshold', () => {
    expect(missedEtas([stop()], planned + 600_000, { missedEtaS: 600 })).toHaveLength(1);
    expect(missedEtas([stop()], planned + 599_000, { missedEtaS: 600 })).toEqual([]);
  });

  it('not for stops arrived at, delivered or failed', () => {
    const late = planned + 3 * 3600_000;
    for (const status of ['arrived', 'delivered', 'failed'] as const) expect(missedEtas([stop({ status })], late, T_ETA)).toEqual([]);
    expect(missedEtas([stop()], late, T_ETA)).toHaveLength(1);
  });

  it('not for stops of a superseded (or otherwise unpublished) plan', () => {
    const late = planned + 3 * 3600_000;
    for (const planStatus of ['superseded', 'draft', 'failed'] as const) expect(missedEtas([stop({ planStatus })], late, T_ETA)).toEqual([]);
  });

  it('one candidate per plan, van and stop; an old plan\'s stops (past the lookback) raise nothing', () => {
    const late = planned + 3600_000;
    const out = missedEtas([stop(), stop({ stopIndex: 3 }), stop({ vehicleId: 'v2' }), stop({ planId: 'p0' })], late, T_ETA);
    expect(out.map((c) => c.key)).toEqual(['missed_eta:p0:v1:0/2', 'missed_eta:p1:v1:0/2', 'missed_eta:p1:v1:0/3', 'missed_eta:p1:v2:0/2']);
    expect(missedEtas([stop()], planned + MISSED_ETA_LOOKBACK_S * 1000, T_ETA)).toHaveLength(1);
    expect(missedEtas([stop()], planned + MISSED_ETA_LOOKBACK_S * 1000 + 1, T_ETA)).toEqual([]);
  });

  it('with a zero threshold fires just after the planned arrival, never at it', () => {
    expect(missedEtas([stop()], planned, { missedEtaS: 0 })).toEqual([]);
    expect(missedEtas([stop()], planned + 1, { missedEtaS: 0 })).toHaveLength(1);
  });
});
