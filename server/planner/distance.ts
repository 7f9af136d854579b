import { distance } from '@turf/turf';
import type { LngLat } from '../contract';
import type { Matrix } from './routing';

/**
 * Road distance estimate. One interface so a road-network matrix (OSRM, a city's own) can replace
 * the straight-line estimate without touching the planner.
 */
export interface DistanceModel {
  distanceM(from: LngLat, to: LngLat): number;
  durationS(from: LngLat, to: LngLat): number;
}

export interface HaversineOptions {
  /** Roads are longer than the straight line; 1.3 is typical of a dense Chinese city grid. */
  detourFactor: number;
  /** Mean van speed through checkpoints and narrow streets. */
  speedKmh: number;
}

export const DEFAULT_HAVERSINE: HaversineOptions = { detourFactor: 1.3, speedKmh: 25 };

export function haversineModel(options: HaversineOptions = DEFAULT_HAVERSINE): DistanceModel {
  const metresPerSecond = (options.speedKmh * 1000) / 3600;
  const distanceM = (a: LngLat, b: LngLat) => distance(a, b, { units: kilometresUnit }) * 1000 * options.detourFactor;
  return { distanceM, durationS: (a, b) => distanceM(a, b) / metresPerSecond };
}
const kilometresUnit = 'kilometers' as const;

/** Full distance and duration matrices over the given points, rounded to whole metres and seconds. */
export function buildMatrices(points: readonly LngLat[], model: DistanceModel): { distancesM: Matrix; durationsS: Matrix } {
  const n = points.length;
  const dist = new Float64Array(n * n);
  const dur = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.round(model.distanceM(points[i]!, points[j]!));
      const t = Math.round(model.durationS(points[i]!, points[j]!));
      dist[i * n + j] = dist[j * n + i] = d;
      dur[i * n + j] = dur[j * n + i] = t;
    }
  }
  return { distancesM: { size: n, values: dist }, durationsS: { size: n, values: dur } };
}
