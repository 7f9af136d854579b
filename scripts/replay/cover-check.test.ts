import { describe, expect, it } from 'vitest';
import { checkCoverRecursion, shortWhileSufficient } from './cover-check';
import type { ReplayRecord, StreetDay } from './records';

// The check the replay test applies to a real run, on hand-made records: it passes the definition and catches
// each way the recursion can break (so a green replay test means the record was really checked).

const street = (date: string, over: Partial<StreetDay>): StreetDay => ({
  date, zoneId: 'z', name: 'z', tier: 'sealed', population: 1000, needKg: { veg: 100 }, plannedKg: {}, deliveredKg: {},
  minCover: null, vanCover: null, coverDays: {}, stockKg: {}, suppliedKgByChannel: {}, outWithoutVans: [], worstCommodity: null,
  residentsWithoutDelivery: 0, alertsRaised: 0, alertsClosed: 0, reasons: [], ...over,
});
const day = (date: string, streets: StreetDay[], sufficient = true) => ({ date, streets, sufficiency: { sufficient } }) as unknown as ReplayRecord['days'][number];

// Hand-computed: household stock 2 days × 100 = 200; day 1: 200 + 50 (platform) − 100 = 150 (1.5 d);
// day 2: 150 + 30 (vans) + 20 (platform) − 100 = 100 (1 d); day 3: 100 + 0 − 100 = 0.
const good = (): Pick<ReplayRecord, 'days' | 'householdStockDays'> => ({
  householdStockDays: { veg: 2 },
  days: [
    day('d1', [street('d1', { stockKg: { veg: 150 }, coverDays: { veg: 1.5 }, minCover: 1.5, suppliedKgByChannel: { platform: { veg: 50 } } })]),
    day('d2', [street('d2', { stockKg: { veg: 100 }, coverDays: { veg: 1 }, minCover: 1, suppliedKgByChannel: { mobile_van: { veg: 30 }, platform: { veg: 20 } } })]),
    day('d3', [street('d3', { stockKg: { veg: 0 }, coverDays: { veg: 0 }, minCover: 0 })], false),
  ],
});

describe('checkCoverRecursion', () => {
  it('passes figures that follow the definition, and counts the carried street-days with supply', () => {
    const check = checkCoverRecursion(good());
    expect(check.errors).toEqual([]);
    expect(check).toMatchObject({ checked: 3, carriedWithSupply: 1, carriedPositive: 2 });
  });

  it.each([
    ['a stock not carried from the day before (restarted from household stock)', (r: ReturnType<typeof good>) => { r.days[1]!.streets[0]!.stockKg.veg = 120; r.days[1]!.streets[0]!.coverDays.veg = 1.2; }],
    ['a supply left out of the stock', (r: ReturnType<typeof good>) => { r.days[1]!.streets[0]!.suppliedKgByChannel.platform!.veg = 0; }],
    ['a cover that is not stock ÷ need', (r: ReturnType<typeof good>) => { r.days[0]!.streets[0]!.coverDays.veg = 2; }],
    ['a stock that went negative instead of stopping at zero', (r: ReturnType<typeof good>) => { r.days[2]!.streets[0]!.stockKg.veg = -0; r.days[2]!.streets[0]!.needKg.veg = 150; r.days[2]!.streets[0]!.stockKg.veg = -50; }],
  ])('catches %s', (_what, breakIt) => {
    const record = good();
    breakIt(record);
    expect(checkCoverRecursion(record).errors.length).toBeGreaterThan(0);
  });
});

describe('shortWhileSufficient', () => {
  it('names street-days under a day of cover on sufficient days only', () => {
    const r = good();
    expect(shortWhileSufficient(r)).toEqual([]);
    r.days[1]!.streets[0]!.minCover = 0.5;
    expect(shortWhileSufficient(r)).toEqual(['d2 z 0.5']);
  });
});
