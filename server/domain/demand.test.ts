import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMAND_PARAMS, dailyDemandKg, daysUntil, demandForDaysKg, zoneDailyDemandKg, type DemandParams } from './demand';

const COMMODITIES = [
  { id: 'vegetables', dailyRationKgPerPerson: 0.4 },
  { id: 'eggs', dailyRationKgPerPerson: 0.05 },
  { id: 'meat', dailyRationKgPerPerson: 0.075 },
  { id: 'oil', dailyRationKgPerPerson: 0.03 },
];
const NONE = { elderlyAlone: 0, infants: 0, chronicPatients: 0 };
const NO_UPLIFT: DemandParams = { uplift: { elderlyAlone: {}, infants: {}, chronicPatients: {} } };

describe('dailyDemandKg', () => {
  it('is population × ration without special groups', () => {
    expect(dailyDemandKg({ population: 1000, specialNeeds: NONE }, COMMODITIES[0]!)).toBeCloseTo(400);
  });

  it('raises eggs for infants by the default uplift (one extra ration each)', () => {
    const zone = { population: 1000, specialNeeds: { ...NONE, infants: 10 } };
    expect(dailyDemandKg(zone, COMMODITIES[1]!)).toBeCloseTo((1000 + 10) * 0.05);
    expect(dailyDemandKg(zone, COMMODITIES[3]!)).toBeCloseTo(1000 * 0.03);
  });

  it('applies every group uplift from a custom parameter object', () => {
    const params: DemandParams = { uplift: { elderlyAlone: { meat: 1 }, infants: {}, chronicPatients: { meat: 0.5 } } };
    const zone = { population: 100, specialNeeds: { elderlyAlone: 10, infants: 5, chronicPatients: 20 } };
    expect(dailyDemandKg(zone, COMMODITIES[2]!, params)).toBeCloseTo((100 + 10 + 10) * 0.075);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => dailyDemandKg({ population: -1, specialNeeds: NONE }, COMMODITIES[0]!)).toThrow(/population/);
    expect(() => dailyDemandKg({ population: NaN, specialNeeds: NONE }, COMMODITIES[0]!)).toThrow(/population/);
    expect(() => dailyDemandKg({ population: 1, specialNeeds: { ...NONE, infants: -2 } }, COMMODITIES[0]!)).toThrow(/infants/);
  });

  it('scales linearly with population when there are no special groups', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 50 }), (pop, k) => {
      const one = dailyDemandKg({ population: pop, specialNeeds: NONE }, COMMODITIES[0]!);
      const many = dailyDemandKg({ population: pop * k, specialNeeds: NONE }, COMMODITIES[0]!);
      expect(many).toBeCloseTo(one * k, 6);
    }));
  });

  it('never falls below the plain ration and grows with each special group member', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 100_000 }), fc.nat(5000), fc.nat(5000), fc.nat(5000), fc.constantFrom(...COMMODITIES),
      (population, elderlyAlone, infants, chronicPatients, c) => {
        const specialNeeds = { elderlyAlone, infants, chronicPatients };
        const base = population * c.dailyRationKgPerPerson;
        const d = dailyDemandKg({ population, specialNeeds }, c);
        expect(d).toBeGreaterThanOrEqual(base - 1e-9);
        expect(dailyDemandKg({ population, specialNeeds }, c, NO_UPLIFT)).toBeCloseTo(base, 9);
        expect(dailyDemandKg({ population, specialNeeds: { ...specialNeeds, infants: infants + 1 } }, c)).toBeGreaterThanOrEqual(d);
      },
    ));
  });
});

describe('demandForDaysKg', () => {
  const zone = { population: 74442, specialNeeds: { elderlyAlone: 2233, infants: 744, chronicPatients: 5955 } };

  it('multiplies the daily need by the days and adds requested extras', () => {
    const daily = zoneDailyDemandKg(zone, COMMODITIES);
    const three = demandForDaysKg(zone, COMMODITIES, 3, { extraKg: { eggs: 20 } });
    expect(three.vegetables).toBeCloseTo(daily.vegetables! * 3);
    expect(three.eggs).toBeCloseTo(daily.eggs! * 3 + 20);
  });

  it('is zero for zero days except for requested extras, and rejects negative days', () => {
    expect(demandForDaysKg(zone, COMMODITIES, 0).meat).toBe(0);
    expect(() => demandForDaysKg(zone, COMMODITIES, -1)).toThrow(/days/);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_DEMAND_PARAMS.uplift.infants.eggs).toBe(1);
  });
});

describe('daysUntil', () => {
  it('counts fractional days and clamps overdue resupply to zero', () => {
    expect(daysUntil('2021-06-03T00:00:00Z', '2021-06-04T12:00:00Z')).toBeCloseTo(1.5);
    expect(daysUntil('2021-06-03T00:00:00Z', '2021-06-02T00:00:00Z')).toBe(0);
    expect(() => daysUntil('yesterday', '2021-06-02T00:00:00Z')).toThrow(/ISO/);
  });
});
