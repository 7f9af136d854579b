import { describe, expect, it } from 'vitest';
import { gridCluster } from './grid-cluster';

describe('gridCluster', () => {
  it('keeps points in different cells apart and merges those sharing a cell at their mean position', () => {
    const out = gridCluster([
      { x: 1, y: 1, item: 'a' }, { x: 9, y: 5, item: 'b' }, { x: 25, y: 1, item: 'c' }, { x: 1, y: 39, item: 'd' },
    ], 20);
    const byItems = new Map(out.map((c) => [c.items.join(''), c]));
    expect([...byItems.keys()].sort()).toEqual(['ab', 'c', 'd']);
    expect(byItems.get('ab')).toMatchObject({ x: 5, y: 3 });
    expect(byItems.get('c')).toMatchObject({ x: 25, y: 1 });
  });

  it('counts every point exactly once (10,000 points)', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ x: (i * 37) % 1280, y: (i * 91) % 800, item: i }));
    const out = gridCluster(pts, 48);
    expect(out.reduce((n, c) => n + c.items.length, 0)).toBe(10_000);
    expect(new Set(out.flatMap((c) => c.items)).size).toBe(10_000);
    expect(out.length).toBeLessThanOrEqual(Math.ceil(1280 / 48) * Math.ceil(800 / 48));
  });

  it('handles negative pixel positions (points left of or above the view origin)', () => {
    const out = gridCluster([{ x: -1, y: -1, item: 1 }, { x: 1, y: 1, item: 2 }], 10);
    expect(out).toHaveLength(2);
  });
});
