import { describe, expect, it } from 'vitest';
import type { VehicleRoute } from '../../../server/contract';
import { supersedes } from './route-cache';

const route = (planId: string, publishedAt: string): VehicleRoute => ({ planId, publishedAt } as VehicleRoute);

describe("the driver's offline copy of the route", () => {
  const older = route('p1', '2021-06-03T06:00:00.000Z');
  const newer = route('p2', '2021-06-03T09:30:00.000Z');

  it('takes a newer or the same plan, and anything when it holds nothing', () => {
    expect(supersedes(newer, older)).toBe(true);
    expect(supersedes(newer, newer)).toBe(true);
    expect(supersedes(older, null)).toBe(true);
    expect(supersedes(null, null)).toBe(true);
  });

  it('keeps a newer plan when an older reply answers last', () => {
    expect(supersedes(older, newer)).toBe(false);
  });

  it('"no route" replaces a route (a replan left the van out): a superseded plan is not kept offline', () => {
    expect(supersedes(null, newer)).toBe(true);
  });
});
