import { describe, expect, it } from 'vitest';
import { createInOrder } from './in-order';

type Ev = { epoch: string; v: number; tag?: string };

function harness(waitMs = 100) {
  const delivered: number[] = [];
  let gaps = 0;
  const timers: Array<{ fn: () => void; at: number; live: boolean }> = [];
  let t = 0;
  const order = createInOrder<Ev>({
    deliver: (e) => delivered.push(e.v),
    onGap: () => { gaps += 1; },
    waitMs,
    maxHeld: 5,
    setTimer: (fn, ms) => { const timer = { fn, at: t + ms, live: true }; timers.push(timer); return timer; },
    clearTimer: (timer) => { (timer as { live: boolean }).live = false; },
  });
  const advance = (ms: number) => {
    t += ms;
    for (const timer of timers) if (timer.live && timer.at <= t) { timer.live = false; timer.fn(); }
  };
  return { order, delivered, gaps: () => gaps, advance };
}

const ev = (v: number, epoch = 'e1'): Ev => ({ epoch, v });

describe('createInOrder', () => {
  it('delivers events in order when two arrive swapped, without a snapshot', () => {
    const h = harness();
    h.order.reset('e1', 10);
    h.order.push(ev(11));
    h.order.push(ev(13));
    h.order.push(ev(12));
    h.advance(1000);
    expect(h.delivered).toEqual([11, 12, 13]);
    expect(h.gaps()).toBe(0);
  });

  it('asks once for a snapshot when a gap stays open past the wait, then resumes after it', () => {
    const h = harness(100);
    h.order.reset('e1', 0);
    h.order.push(ev(2));
    h.order.push(ev(3));
    h.advance(99);
    expect(h.gaps()).toBe(0);
    h.advance(1);
    expect(h.gaps()).toBe(1);
    h.order.push(ev(4));
    h.advance(500);
    expect(h.gaps()).toBe(1);
    // The snapshot covers up to 3: 2 and 3 are dropped, 4 and 5 follow it.
    h.order.reset('e1', 3);
    h.order.push(ev(5));
    expect(h.delivered).toEqual([4, 5]);
  });

  it('drops events the snapshot already holds, and duplicates', () => {
    const h = harness();
    h.order.reset('e1', 7);
    h.order.push(ev(6));
    h.order.push(ev(7));
    h.order.push(ev(8));
    h.order.push(ev(8));
    expect(h.delivered).toEqual([8]);
  });

  it('a new epoch asks for a snapshot at once; events of the new epoch after it are kept', () => {
    const h = harness();
    h.order.reset('e1', 4);
    h.order.push(ev(1, 'e2'));
    expect(h.gaps()).toBe(1);
    h.order.push(ev(2, 'e2'));
    h.order.reset('e2', 1);
    expect(h.delivered).toEqual([2]);
    expect(h.order.position()).toEqual({ epoch: 'e2', v: 2 });
  });

  it('holds events until the first snapshot, and too many held ones ask for a snapshot', () => {
    const h = harness();
    for (const v of [3, 4]) h.order.push(ev(v));
    expect(h.delivered).toEqual([]);
    h.order.reset('e1', 2);
    expect(h.delivered).toEqual([3, 4]);
    for (const v of [6, 7, 8, 9, 10, 11]) h.order.push(ev(v));
    expect(h.gaps()).toBe(1);
  });
});
