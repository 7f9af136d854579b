import { describe, expect, it } from 'vitest';
import { buildDailyReport, csvCell, dayBounds, median, reportCsv, type ReportInput } from './daily-report';

const bounds = dayBounds('2021-06-03', '+08:00');

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  date: '2021-06-03', districtId: 'liwan', bounds, isSealed: (z) => ['sealed', 'controlled'].includes(z.tier),
  zones: [
    { id: 'a', tier: 'sealed', status: 'active', population: 1000, sealedAt: '2021-05-30T16:00:00Z', liftedAt: null },
    { id: 'b', tier: 'precaution', status: 'active', population: 500, sealedAt: '2021-05-30T16:00:00Z', liftedAt: null },
    // Sealed after the day ended (local midnight = 16:00Z): not in the report.
    { id: 'c', tier: 'sealed', status: 'active', population: 9000, sealedAt: '2021-06-03T16:00:00Z', liftedAt: null },
    // Lifted during the day: still counted; lifted before it: not.
    { id: 'd', tier: 'controlled', status: 'lifted', population: 200, sealedAt: '2021-05-30T16:00:00Z', liftedAt: '2021-06-03T02:00:00Z' },
    { id: 'e', tier: 'controlled', status: 'lifted', population: 300, sealedAt: '2021-05-30T16:00:00Z', liftedAt: '2021-06-02T15:59:59Z' },
  ],
  deliveredKg: new Map<string, Record<string, number>>([['a', { eggs: 1500, veg: 250.4 }], ['zz-other-district', { eggs: 99999 }]]),
  planCover: [{ zoneId: 'a', daysOfCover: { eggs: 2.5, veg: null } }, { zoneId: 'b', daysOfCover: { eggs: 1.25, veg: 3 } }],
  requests: [
    { createdAt: '2021-06-02T16:00:00Z', updatedAt: '2021-06-02T17:00:00Z', status: 'resolved' },
    { createdAt: '2021-06-02T20:00:00Z', updatedAt: '2021-06-03T00:00:00Z', status: 'resolved' },
    { createdAt: '2021-06-01T00:00:00Z', updatedAt: '2021-06-03T01:00:00Z', status: 'referred' },
    { createdAt: '2021-06-03T15:59:59Z', updatedAt: '2021-06-03T15:59:59Z', status: 'new' },
    { createdAt: '2021-06-03T16:00:00Z', updatedAt: '2021-06-03T16:00:00Z', status: 'new' },
  ],
  alerts: [
    { raisedAt: '2021-06-03T01:00:00Z', level: 'yellow' }, { raisedAt: '2021-06-03T02:00:00Z', level: 'red' },
    { raisedAt: '2021-06-02T15:00:00Z', level: 'red' },
  ],
  ...over,
});

describe('daily report', () => {
  it('counts the local day: zones in effect, people, tonnes, cover, requests with median, alerts by colour', () => {
    expect(bounds).toEqual([Date.parse('2021-06-02T16:00:00Z'), Date.parse('2021-06-03T16:00:00Z')]);
    expect(buildDailyReport(input())).toEqual({
      date: '2021-06-03', districtId: 'liwan', zonesSealed: 2, zonesByTier: { sealed: 1, precaution: 1, controlled: 1 },
      peopleCovered: 1700, tonnesDelivered: { eggs: 1.5, veg: 0.25 }, minDaysOfCover: { eggs: 1.25, veg: 3 },
      requestsReceived: 3, requestsResolved: 2, medianResolveS: (3600 + 4 * 3600) / 2,
      alertsByColour: { yellow: 1, orange: 0, red: 1 },
    });
  });

  it('says null, not zero, when there is no plan or nothing was resolved', () => {
    const r = buildDailyReport(input({ planCover: null, requests: [] }));
    expect(r.minDaysOfCover).toBeNull();
    expect(r.medianResolveS).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('report CSV', () => {
  it('escapes separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
  });

  it('starts with a BOM, uses CRLF and names things by their names', () => {
    const csv = reportCsv(buildDailyReport(input()), new Map([['liwan', '荔湾区'], ['eggs', '鸡蛋'], ['veg', '蔬菜, 叶菜']]));
    expect(csv.startsWith('\uFEFF指标 metric,项目 item,数值 value\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toContain('范围 scope,,荔湾区');
    expect(lines).toContain('配送吨数 tonnes_delivered,鸡蛋,1.5');
    expect(lines).toContain('配送吨数 tonnes_delivered,"蔬菜, 叶菜",0.25');
    expect(lines).toContain('办结用时中位数(小时) median_resolve_h,,2.5');
    expect(lines).toContain('预警 alerts,红 red,1');
  });
});
