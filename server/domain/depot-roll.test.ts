import { describe, expect, it } from 'vitest';
import type { Supplier } from '../contract';
import { daysOfStock, inboundOn, rollAtOpening, rollDepotStock, suppliersToCall } from './depot-roll';

const supplier = (over: Partial<Supplier> = {}): Supplier => ({
  id: 's1', districtId: null, name: '江南果菜', nameEn: 'Jiangnan', kind: 'wholesale_market', contact: '020-1',
  deliveries: [{ depotId: 'd1', commodityId: 'vegetables', kgPerDay: 1000, arrivesAt: '05:00', leadTimeDays: 0 }],
  activeFrom: '2021-06-01', activeUntil: '2021-06-10', note: '', ...over,
});

describe('rollDepotStock', () => {
  it('adds inbound and takes off what was shipped, day by day (hand-computed)', () => {
    // veg: 500 → 500 + 1000 − 1200 = 300 → 300 + 1000 − 800 = 500; eggs appear only in the flows: 0 + 50 − 0 = 50.
    const starts = rollDepotStock({ vegetables: 500 }, [
      { inboundKg: { vegetables: 1000 }, shippedKg: { vegetables: 1200 } },
      { inboundKg: { vegetables: 1000, eggs: 50 }, shippedKg: { vegetables: 800 } },
    ]);
    expect(starts).toEqual([{ vegetables: 500 }, { vegetables: 300 }, { vegetables: 500, eggs: 50 }]);
  });

  it('never goes below zero: a day that ships more than it holds ends empty, and the next day starts from 0', () => {
    const starts = rollDepotStock({ meat: 100 }, [
      { inboundKg: {}, shippedKg: { meat: 400 } },
      { inboundKg: { meat: 50 }, shippedKg: {} },
    ]);
    expect(starts.map((s) => s.meat)).toEqual([100, 0, 50]);
  });

  it('with no flows returns only the start, and does not alias it', () => {
    const start = { oil: 7 };
    const [only] = rollDepotStock(start, []);
    expect(only).toEqual(start);
    expect(only).not.toBe(start);
  });
});

describe('inboundOn', () => {
  it('counts active suppliers\' deliveries to the depot only, within the arrival window', () => {
    const s = [supplier(), supplier({ id: 's2', deliveries: [{ depotId: 'd1', commodityId: 'vegetables', kgPerDay: 200, arrivesAt: '14:00', leadTimeDays: 1 }, { depotId: 'd2', commodityId: 'eggs', kgPerDay: 9, arrivesAt: '01:00', leadTimeDays: 0 }] })];
    expect(inboundOn(s, 'd1', '2021-06-03')).toEqual({ vegetables: 1200 });
    expect(inboundOn(s, 'd1', '2021-06-03', { arrivingAfter: '10:00' })).toEqual({ vegetables: 200 });
    expect(inboundOn(s, 'd1', '2021-06-03', { arrivingBy: '06:00' })).toEqual({ vegetables: 1000 });
    // Before it starts and after it ends, a supplier brings nothing.
    expect(inboundOn(s, 'd1', '2021-05-31')).toEqual({});
    expect(inboundOn([supplier()], 'd1', '2021-06-11')).toEqual({});
  });
});

describe('suppliersToCall and daysOfStock', () => {
  it('lists those already delivering here first, then by lead time, then by volume', () => {
    const far = supplier({ id: 'far', deliveries: [{ depotId: 'd9', commodityId: 'vegetables', kgPerDay: 5000, arrivesAt: '05:00', leadTimeDays: 0 }] });
    const slow = supplier({ id: 'slow', deliveries: [{ depotId: 'd1', commodityId: 'vegetables', kgPerDay: 100, arrivesAt: '05:00', leadTimeDays: 2 }] });
    const eggsOnly = supplier({ id: 'eggs', deliveries: [{ depotId: 'd1', commodityId: 'eggs', kgPerDay: 100, arrivesAt: '05:00', leadTimeDays: 0 }] });
    const calls = suppliersToCall([far, slow, supplier(), eggsOnly], 'd1', 'vegetables', '2021-06-03');
    expect(calls.map((c) => [c.supplierId, c.deliversHere])).toEqual([['s1', true], ['slow', true], ['far', false]]);
  });

  it('days of stock = stock ÷ (shipped − inbound); null when the depot is not drawn down', () => {
    expect(daysOfStock(3000, 500, 1500)).toBe(3);
    expect(daysOfStock(3000, 1500, 1500)).toBeNull();
    expect(daysOfStock(3000, 0, 0)).toBeNull();
  });
});

describe('rollAtOpening', () => {
  it('adds what arrives after opening, takes off the draw (never below 0), then adds the next morning\'s delivery (hand-computed)', () => {
    // veg: 1000 at opening; +200 late − 1500 shipped → max(0, −300) = 0, + 800 early next day = 800;
    // then 800 + 0 − 500 = 300, + 800 = 1100.
    const open = rollAtOpening({ vegetables: 1000 }, [
      { lateKg: { vegetables: 200 }, shippedKg: { vegetables: 1500 }, nextEarlyKg: { vegetables: 800 } },
      { lateKg: {}, shippedKg: { vegetables: 500 }, nextEarlyKg: { vegetables: 800 } },
    ]);
    expect(open.map((s) => s.vegetables)).toEqual([1000, 800, 1100]);
  });
});
