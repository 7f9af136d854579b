import { describe, expect, it } from 'vitest';
import { replaceRoute, type VehicleEntry } from './live-state';
import { createRouteReloader } from './route-reloader';
import type { LoadedRoute, StopState } from '../../domain/route-model';

/** A stamp and a reload under the test's control: each call waits until the test lets it finish. */
function controlled() {
  let stampValue = 's1';
  const log: string[] = [];
  const gates: Array<() => void> = [];
  const gate = () => new Promise<void>((resolve) => gates.push(resolve));
  const reloader = createRouteReloader({
    async stamp() { const seen = stampValue; log.push(`stamp ${seen}`); return seen; },
    async reload() { log.push('reload'); await gate(); },
  });
  return {
    reloader, log,
    publish(stamp: string) { stampValue = stamp; },
    /** Lets every reload waiting so far finish. */
    release() { for (const open of gates.splice(0)) open(); },
    pending: () => gates.length,
    /** Lets `step` reach its reload (if it reloads), lets that finish, and waits for the step. */
    async settle(step: Promise<void>) {
      await tick();
      this.release();
      await step;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('route reloader', () => {
  it('reloads on the first check, then only when the stamp changed', async () => {
    const c = controlled();
    await c.settle(c.reloader.current());
    await c.reloader.current();
    expect(c.log).toEqual(['stamp s1', 'reload', 'stamp s1']);
    c.publish('s2');
    await c.settle(c.reloader.current());
    expect(c.log.slice(3)).toEqual(['stamp s2', 'reload']);
  });

  it('a check that comes while a reload runs waits for a step of its own, which sees a publish made meanwhile', async () => {
    const c = controlled();
    const running = c.reloader.reload();
    await tick();
    expect(c.pending()).toBe(1);
    // Published while the running reload reads: that reload may have missed it.
    c.publish('s2');
    let checked = false;
    const check = c.reloader.current().then(() => { checked = true; });
    const again = c.reloader.current();
    c.release();
    await running;
    await tick();
    expect(checked).toBe(false);
    expect(c.pending()).toBe(1); // one more reload for both waiting checks, not two
    c.release();
    await Promise.all([check, again]);
    expect(c.log).toEqual(['stamp s1', 'reload', 'stamp s2', 'reload']);
  });

  it('a forced reload is not skipped when it queues behind a check', async () => {
    const c = controlled();
    await c.settle(c.reloader.current());
    const check = c.reloader.current(); // unchanged stamp: would not reload
    const forced = c.reloader.reload();
    await check;
    await c.settle(forced);
    expect(c.log).toEqual(['stamp s1', 'reload', 'stamp s1', 'stamp s1', 'reload']);
  });

  it('a failed step does not block the next', async () => {
    let fail = true;
    const reloader = createRouteReloader({ stamp: async () => 's', reload: async () => { if (fail) throw new Error('db down'); } });
    await expect(reloader.reload()).rejects.toThrow('db down');
    fail = false;
    await expect(reloader.current()).resolves.toBeUndefined();
  });
});

describe('replaceRoute', () => {
  const route = (planId: string): LoadedRoute => ({ planId, planVersion: 1, date: '2021-06-03', vehicleId: 'v1', trips: [] });
  const state = (status: StopState['status'], lastEventId: number): StopState => ({ status, arrivedAtMs: null, deliveredKg: {}, lastEventId });
  const entry = (planId: string, states: Array<[string, StopState]>): VehicleEntry =>
    ({ vehicle: { id: 'v1' } as VehicleEntry['vehicle'], route: route(planId), states: new Map(states), fix: null, recentFixes: new Set() });

  it('keeps a stop event recorded while the route was read again (same plan), and takes newer reads', () => {
    const e = entry('p1', [['0/0', state('delivered', 7)], ['0/1', state('arrived', 3)]]);
    // Read before event 7 was recorded; event 9 (stop 0/1) recorded by another server and read.
    replaceRoute(e, { route: route('p1'), states: new Map([['0/0', state('arrived', 5)], ['0/1', state('failed', 9)], ['0/2', state('arrived', 8)]]) });
    expect(Object.fromEntries([...e.states].map(([k, s]) => [k, `${s.status}#${s.lastEventId}`])))
      .toEqual({ '0/0': 'delivered#7', '0/1': 'failed#9', '0/2': 'arrived#8' });
  });

  it('drops the old plan\'s states when the van has a new plan', () => {
    const e = entry('p1', [['0/0', state('delivered', 7)]]);
    replaceRoute(e, { route: route('p2'), states: new Map() });
    expect(e.route?.planId).toBe('p2');
    expect(e.states.size).toBe(0);
  });
});

