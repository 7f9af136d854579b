import type { Matrix } from './types';

/** Straight-line matrices over planar points (metres), mainly for tests and synthetic instances. */
export function euclideanMatrices(points: readonly (readonly [number, number])[], speedMps = 1): { distancesM: Matrix; durationsS: Matrix } {
  const n = points.length;
  const dist = new Float64Array(n * n);
  const dur = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      const d = Math.sqrt((xi - xj) ** 2 + (yi - yj) ** 2);
      dist[i * n + j] = d;
      dur[i * n + j] = d / speedMps;
    }
  }
  return { distancesM: { size: n, values: dist }, durationsS: { size: n, values: dur } };
}
