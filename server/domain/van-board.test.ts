import { describe, expect, it } from 'vitest';
import type { LngLat } from '../contract';
import { boardDay, boardRow, sortBoard, vanState, type BoardRules, type BoardStop, type BoardVanInput } from './van-board';

const T0 = Date.parse('2021-06-03T00:00:00Z'); // 08:00 at +08:00
const MIN = 60_000;
const DEPOT: LngLat = [113.2, 23.1];
const rules: BoardRules = {
  atDepotM: 150, atStopM: 80, silentAfterS: 300, lateAfterS: 900,
  hhmm: (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16),
  zoneName: (id) => ({ name: `区${id}`, nameEn: `Zone ${id}` }),
};

function stop(i: number, over: Partial<BoardStop> = {}): BoardStop {
  return {
    tripIndex: 0, stopIndex: i, zoneId: `z${i}`, location: [113.21 + i * 0.01, 23.1], status: 'pending',
    plannedAtMs: T0 + (i + 1) * 30 * MIN, etaAtMs: null, plannedKg: { rice: 100 }, deliveredKg: {}, ...over,
  };
}

function van(over: Partial<BoardVanInput> = {}): BoardVanInput {
  return {
    vehicleId: 'v1', name: '粤A-1', driverName: '张三', planId: 'p1', broken: false, fix: null,
    stops: [stop(0), stop(1), stop(2)], depots: [DEPOT], firstDepartMs: T0,
    day: { date: '2021-06-03', startMs: T0 - 8 * 60 * MIN }, ...over,
  };
}
const fixAt = (where: LngLat, ms: number) => ({ lng: where[0], lat: where[1], at: new Date(ms).toISOString() });

describe('van state', () => {
  it('follows the stops and the last fix', () => {
    expect(vanState(van(), rules)).toBe('not_started');
    expect(vanState(van({ fix: fixAt(DEPOT, T0) }), rules)).toBe('at_depot');
    expect(vanState(van({ fix: fixAt([113.205, 23.12], T0) }), rules)).toBe('en_route');
    expect(vanState(van({ fix: fixAt([113.21, 23.1], T0) }), rules)).toBe('at_stop');
    expect(vanState(van({ stops: [stop(0, { status: 'arrived' }), stop(1)] }), rules)).toBe('at_stop');
    expect(vanState(van({ stops: [stop(0, { status: 'delivered' }), stop(1)] }), rules)).toBe('en_route');
    expect(vanState(van({ stops: [stop(0, { status: 'delivered' }), stop(1, { status: 'failed' })] }), rules)).toBe('done');
    expect(vanState(van({ broken: true, fix: fixAt(DEPOT, T0) }), rules)).toBe('broken_down');
  });
});

describe('board row', () => {
  it('names the next open stop, its ETA as HH:MM and how late it runs', () => {
    const eta = T0 + 90 * MIN; // planned 08:30, expected 09:30
    const row = boardRow(van({
      fix: fixAt([113.205, 23.12], T0 + 40 * MIN),
      stops: [stop(0, { status: 'delivered', deliveredKg: { rice: 80, oil: 5 } }), stop(1, { etaAtMs: eta }), stop(2)],
    }), T0 + 45 * MIN, rules);
    expect(row.nextStop).toMatchObject({ zoneId: 'z1', zoneName: '区z1', eta: '09:30' });
    expect(row.minutesLate).toBe(30);
    expect(row.late).toBe(true);
    expect(row.positionAgeS).toBe(300);
    expect(row.silent).toBe(false);
    expect([row.deliveredKg, row.plannedKg, row.stopsDone, row.stopsTotal]).toEqual([85, 300, 1, 3]);
  });

  it('without a fix, a van past its planned arrival is late by the clock, and silent once on duty', () => {
    const row = boardRow(van(), T0 + 50 * MIN, rules);
    expect(row.minutesLate).toBe(20);
    expect(row.late).toBe(true);
    expect(row.silent).toBe(true);
    expect(row.nextStop?.eta).toBe('08:50');
    const early = boardRow(van(), T0 - 10 * MIN, rules);
    expect([early.silent, early.late, early.minutesLate]).toEqual([false, false, 0]);
  });

  it('a done van has no next stop and is neither late nor silent', () => {
    const row = boardRow(van({ stops: [stop(0, { status: 'delivered' })] }), T0 + 600 * MIN, rules);
    expect([row.state, row.nextStop, row.late, row.silent]).toEqual(['done', null, false, false]);
  });
});

describe('plan day', () => {
  const DAY = 24 * 60 * MIN;
  it('runs from local midnight to the next, or to the last planned stop of a night shift', () => {
    const v = van();
    expect(boardDay(v, v.day.startMs - 1)).toBe('future');
    expect(boardDay(v, v.day.startMs)).toBe('today');
    const midnight = v.day.startMs + DAY;
    expect(boardDay(v, midnight - 1)).toBe('today');
    expect(boardDay(v, midnight)).toBe('past');
    const night = van({ stops: [stop(0, { plannedAtMs: midnight + 60 * MIN })] });
    expect(boardDay(night, midnight + 30 * MIN)).toBe('today');
    expect(boardDay(night, midnight + 60 * MIN)).toBe('past');
  });

  it('a plan day that is over: no lateness, no silence, the planned time; what was delivered stays', () => {
    const years = T0 + 5 * 365 * DAY;
    const row = boardRow(van({
      fix: fixAt([113.205, 23.12], T0 + 40 * MIN),
      stops: [stop(0, { status: 'delivered', deliveredKg: { rice: 90 } }), stop(1, { etaAtMs: T0 + 120 * MIN }), stop(2)],
    }), years, rules);
    expect([row.day, row.planDate, row.late, row.minutesLate, row.silent]).toEqual(['past', '2021-06-03', false, 0, false]);
    expect(row.nextStop).toMatchObject({ zoneId: 'z1', eta: '09:00', etaAt: null });
    expect([row.stopsDone, row.stopsTotal, row.deliveredKg]).toEqual([1, 3, 90]);
    // The same van on its day is late and silent by the clock.
    const onDay = boardRow(van(), T0 + 5 * 60 * MIN, rules);
    expect([onDay.day, onDay.late, onDay.silent]).toEqual(['today', true, true]);
  });

  it('a plan day to come: planned times, not late, not silent', () => {
    const row = boardRow(van({ firstDepartMs: T0 - DAY }), T0 - DAY, rules);
    expect([row.day, row.late, row.minutesLate, row.silent, row.nextStop?.eta]).toEqual(['future', false, 0, false, '08:30']);
  });
});

describe('board order', () => {
  it('puts late and silent vans first, then broken, under way, not started, done', () => {
    const now = T0 + 20 * MIN;
    const on = (name: string, over: Partial<BoardVanInput>) => boardRow(van({ name, vehicleId: name, ...over }), now, rules);
    const rows = [
      on('done', { stops: [stop(0, { status: 'delivered' })] }),
      on('waiting', { firstDepartMs: now + 60 * MIN, stops: [stop(3)] }),
      on('moving', { fix: fixAt([113.205, 23.12], now - MIN), stops: [stop(0, { etaAtMs: now + 5 * MIN })] }),
      on('broken', { broken: true }),
      on('silent', { fix: fixAt([113.205, 23.12], now - 15 * MIN), stops: [stop(0, { etaAtMs: now + 5 * MIN })] }),
      on('late', { fix: fixAt([113.205, 23.12], now - MIN), stops: [stop(0, { etaAtMs: T0 + 60 * MIN })] }),
    ];
    expect(sortBoard(rows).map((r) => r.name)).toEqual(['late', 'silent', 'broken', 'moving', 'waiting', 'done']);
  });

  it("puts vans whose plan day runs before one to come, and one that is over last", () => {
    const now = T0 + 20 * MIN;
    const shift = (days: number) => ({ date: `d${days}`, startMs: T0 - 8 * 60 * MIN + days * 24 * 60 * MIN });
    const rows = [
      boardRow(van({ name: 'over', vehicleId: 'a', day: shift(-1), stops: [stop(0, { plannedAtMs: now - 24 * 60 * MIN })] }), now, rules),
      boardRow(van({ name: 'tomorrow', vehicleId: 'b', day: shift(1) }), now, rules),
      boardRow(van({ name: 'done', vehicleId: 'c', stops: [stop(0, { status: 'delivered' })] }), now, rules),
    ];
    expect(sortBoard(rows).map((r) => [r.name, r.day])).toEqual([['done', 'today'], ['tomorrow', 'future'], ['over', 'past']]);
  });
});
