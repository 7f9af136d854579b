import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCvrp, readCvrp } from './cvrplib';

const file = resolve(import.meta.dirname, '../../shared/bench/cvrplib/A/A-n32-k5.vrp');

describe('route CLI', () => {
  it('prints exactly one JSON object with node ids and the nint cost', () => {
    const out = execFileSync('npx', ['tsx', resolve(import.meta.dirname, 'route.ts'), '--instance', file, '--time-limit', '0.5', '--seed', '3'], {
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(1);
    const res = JSON.parse(out) as { cost: number; routes: number[][] };
    expect(Object.keys(res).sort()).toEqual(['cost', 'routes']);
    const inst = readCvrp(file);
    // Node ids as in the file (depot is node 1): subtract one for 0-based indices.
    const check = checkCvrp(inst, res.routes.map((r) => r.map((id) => id - 1)));
    expect(check.errors).toEqual([]);
    expect(check.cost).toBe(res.cost);
  });
});
