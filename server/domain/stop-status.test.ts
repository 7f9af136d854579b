import { describe, expect, it } from 'vitest';
import type { StopStatus } from '../contract';
import { canRecord, type StopKind } from './stop-status';

const FROM: StopStatus[] = ['pending', 'arrived', 'delivered', 'failed'];
const KINDS: StopKind[] = ['arrived', 'delivered', 'failed'];

describe('the stop status table', () => {
  it('allows exactly these events', () => {
    const allowed = FROM.flatMap((from) => KINDS.filter((kind) => canRecord(from, kind)).map((kind) => `${from}→${kind}`));
    expect(allowed.sort()).toEqual([
      'arrived→delivered', 'arrived→failed', 'failed→delivered', 'pending→arrived', 'pending→delivered', 'pending→failed',
    ]);
  });

  it('never records a second delivery, nor anything after one', () => {
    for (const kind of KINDS) expect(canRecord('delivered', kind)).toBe(false);
  });
});
