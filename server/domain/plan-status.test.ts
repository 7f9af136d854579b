import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../contract';
import { canTransition, isFinal, PLAN_TRANSITIONS } from './plan-status';

const ALL: PlanStatus[] = ['queued', 'running', 'draft', 'published', 'superseded', 'failed'];

describe('the plan status table', () => {
  it('allows exactly these moves', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual([
      'draft→published', 'published→superseded', 'queued→failed', 'queued→running',
      'running→draft', 'running→failed', 'running→running',
    ]);
  });

  it('refuses going back: a published plan never becomes a draft, a failed one never runs, a draft is never failed', () => {
    expect(canTransition('published', 'draft')).toBe(false);
    expect(canTransition('superseded', 'published')).toBe(false);
    expect(canTransition('failed', 'running')).toBe(false);
    expect(canTransition('draft', 'failed')).toBe(false);
    expect(canTransition('queued', 'published')).toBe(false);
  });

  it('ends in superseded or failed', () => {
    expect(ALL.filter(isFinal).sort()).toEqual(['failed', 'superseded']);
    expect(Object.keys(PLAN_TRANSITIONS).sort()).toEqual([...ALL].sort());
  });
});
