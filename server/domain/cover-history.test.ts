import { describe, expect, it } from 'vitest';
import { coverHistory, dayWindow } from './cover-history';

describe('coverHistory', () => {
  const dailyNeedKg = new Map([['a', { eggs: 10, meat: 0 }], ['b', { eggs: 30, meat: 5 }]]);
  it('divides the goods that reached the district’s zones by the district’s daily need, per day and commodity', () => {
    const out = coverHistory({
      days: ['2021-06-01', '2021-06-02', '2021-06-03'], commodityIds: ['eggs', 'meat'], dailyNeedKg,
      planned: new Map([
        ['2021-06-02', new Map([['a', { eggs: 40 }], ['b', { eggs: 40, meat: 10 }], ['elsewhere', { eggs: 1000 }]])],
        ['2021-06-03', new Map([['a', { eggs: 0 }]])],
      ]),
      delivered: new Map([['2021-06-03', new Map([['b', { eggs: 20 }]])]]),
    });
    // 80 kg of eggs for a need of 40 kg a day: 2 days; a zone outside the district does not count.
    expect(out.eggs).toEqual({ planned: [null, 2, 0], delivered: [null, null, 0.5] });
    expect(out.meat).toEqual({ planned: [null, 2, 0], delivered: [null, null, 0] });
  });

  it('gives null for a commodity nobody in the district needs', () => {
    const out = coverHistory({ days: ['2021-06-01'], commodityIds: ['oil'], dailyNeedKg, planned: new Map([['2021-06-01', new Map()]]), delivered: new Map() });
    expect(out.oil).toEqual({ planned: [null], delivered: [null] });
  });
});

describe('dayWindow', () => {
  it('lists the days ending with the given one, across a month end', () => {
    expect(dayWindow('2021-06-02', 4)).toEqual(['2021-05-30', '2021-05-31', '2021-06-01', '2021-06-02']);
  });
});
