import { splitOversizedJobs, type Piece } from './split';
import type { RoutingProblem } from './types';

/**
 * The problem flattened into typed arrays so the search's inner loops index plain memory.
 * "Jobs" here are pieces after split delivery.
 */
export interface Compiled {
  jobCount: number;
  vehicleCount: number;
  dims: number;
  size: number;
  /** Trip slots per vehicle: slot = vehicle * maxTrips + k. */
  maxTrips: number;
  dist: Float64Array;
  dur: Float64Array;
  jobLoc: Int32Array;
  jobAmt: Float64Array;
  jobSvc: Float64Array;
  jobEarly: Float64Array;
  jobLate: Float64Array;
  /** Largest share of the biggest van the job takes, over dimensions: SISR's "demand" order. */
  jobSize: Float64Array;
  jobDepotDist: Float64Array;
  vehDepot: Int32Array;
  vehCap: Float64Array;
  vehStart: Float64Array;
  vehEnd: Float64Array;
  vehReload: Float64Array;
  vehFactor: Float64Array;
  vehMaxTrips: Int32Array;
  /** Vehicles that are interchangeable; only the first unused one of a class is tried. */
  classMembers: Int32Array[];
  timed: boolean;
  symmetric: boolean;
  /** Cost of one unassigned job: more than any route set can cost, so coverage comes first. */
  penalty: number;
  neighbourCount: number;
  /** neighbours[j * neighbourCount + i]: i-th nearest other job. */
  neighbours: Int32Array;
  pieces: Piece[];
}

function toFloat64(values: ArrayLike<number>, n: number): Float64Array {
  if (values.length !== n) throw new Error(`matrix has ${values.length} entries, expected ${n}`);
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

export function compile(problem: RoutingProblem, split: boolean, neighbourCount: number): Compiled {
  const pieces = split
    ? splitOversizedJobs(problem.jobs, problem.vehicles)
    : problem.jobs.map((job, parentIndex) => ({ job, parentIndex, parentId: job.id }));
  const size = problem.distancesM.size;
  const dist = toFloat64(problem.distancesM.values, size * size);
  const dur = problem.durationsS
    ? toFloat64(problem.durationsS.values, size * size)
    : new Float64Array(size * size);
  const J = pieces.length;
  const V = problem.vehicles.length;
  let D = 1;
  for (const p of pieces) D = Math.max(D, p.job.amount.length);
  for (const v of problem.vehicles) D = Math.max(D, v.capacity.length);

  const jobLoc = new Int32Array(J);
  const jobAmt = new Float64Array(J * D);
  const jobSvc = new Float64Array(J);
  const jobEarly = new Float64Array(J).fill(-Infinity);
  const jobLate = new Float64Array(J).fill(Infinity);
  const vehDepot = new Int32Array(V);
  const vehCap = new Float64Array(V * D);
  const vehStart = new Float64Array(V);
  const vehEnd = new Float64Array(V);
  const vehReload = new Float64Array(V);
  const vehFactor = new Float64Array(V);
  const vehMaxTrips = new Int32Array(V);
  let timed = false;
  let maxTrips = 1;
  const classOf = new Map<string, number[]>();
  problem.vehicles.forEach((v, i) => {
    vehDepot[i] = v.depot;
    for (let d = 0; d < D; d++) vehCap[i * D + d] = v.capacity[d] ?? 0;
    vehStart[i] = v.shift.startS;
    vehEnd[i] = v.shift.endS;
    vehReload[i] = v.reloadS ?? 0;
    vehFactor[i] = v.durationFactor ?? 1;
    vehMaxTrips[i] = Math.max(1, v.maxTrips ?? 1);
    maxTrips = Math.max(maxTrips, vehMaxTrips[i]!);
    if (Number.isFinite(v.shift.endS)) timed = true;
    const key = JSON.stringify([v.depot, v.capacity, v.shift.startS, String(v.shift.endS), vehMaxTrips[i], v.reloadS, v.durationFactor]);
    const members = classOf.get(key) ?? [];
    members.push(i);
    classOf.set(key, members);
  });

  const maxCap = new Float64Array(D);
  for (let i = 0; i < V * D; i++) maxCap[i % D] = Math.max(maxCap[i % D]!, vehCap[i]!);
  const jobSize = new Float64Array(J);
  const jobDepotDist = new Float64Array(J);
  pieces.forEach(({ job }, j) => {
    jobLoc[j] = job.location;
    jobSvc[j] = job.serviceS;
    if (job.timeWindow) {
      jobEarly[j] = job.timeWindow.startS;
      jobLate[j] = job.timeWindow.endS;
      timed = true;
    }
    for (let d = 0; d < D; d++) {
      const a = job.amount[d] ?? 0;
      jobAmt[j * D + d] = a;
      if (a > 0) jobSize[j] = Math.max(jobSize[j]!, maxCap[d]! > 0 ? a / maxCap[d]! : Infinity);
    }
    let best = Infinity;
    for (let v = 0; v < V; v++) best = Math.min(best, dist[vehDepot[v]! * size + job.location]!);
    jobDepotDist[j] = Number.isFinite(best) ? best : 0;
  });

  let symmetric = true;
  let maxEntry = 0;
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const x = dist[a * size + b]!;
      if (Number.isFinite(x)) maxEntry = Math.max(maxEntry, x);
      if (b > a && x !== dist[b * size + a]) symmetric = false;
    }
  }

  const K = Math.max(0, Math.min(neighbourCount, J - 1));
  const neighbours = new Int32Array(J * K);
  const order = new Int32Array(J);
  const key = new Float64Array(J);
  for (let j = 0; j < J; j++) {
    const lj = jobLoc[j]!;
    for (let o = 0; o < J; o++) {
      order[o] = o;
      const lo = jobLoc[o]!;
      key[o] = o === j ? -1 : dist[lj * size + lo]! + dist[lo * size + lj]!;
    }
    order.sort((x, y) => key[x]! - key[y]! || x - y);
    for (let i = 0; i < K; i++) neighbours[j * K + i] = order[i + 1]!;
  }

  return {
    jobCount: J, vehicleCount: V, dims: D, size, maxTrips, dist, dur,
    jobLoc, jobAmt, jobSvc, jobEarly, jobLate, jobSize, jobDepotDist,
    vehDepot, vehCap, vehStart, vehEnd, vehReload, vehFactor, vehMaxTrips,
    classMembers: [...classOf.values()].map((m) => Int32Array.from(m)),
    timed, symmetric,
    penalty: 2 * (maxEntry + 1) * (J + 1),
    neighbourCount: K, neighbours, pieces,
  };
}
