import type { RoutingProblem, RoutingSolution } from './types';

export interface Violation {
  kind: 'unknown_job' | 'duplicate' | 'missing' | 'amount' | 'capacity' | 'trips' | 'time_window' | 'shift' | 'distance' | 'vehicle' | 'report';
  message: string;
}

const TOL = 1e-6;

/**
 * Recomputes a solution from scratch against the original (unsplit) problem, sharing no code
 * with the solver, and lists every broken rule. An empty list means the solution is valid.
 */
export function checkSolution(problem: RoutingProblem, sol: RoutingSolution): Violation[] {
  const out: Violation[] = [];
  const add = (kind: Violation['kind'], message: string) => out.push({ kind, message });
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const delivered = new Map<string, number[]>();
  const seenPieces = new Set<string>();
  const size = problem.distancesM.size;
  const dist = (a: number, b: number) => Number(problem.distancesM.values[a * size + b]);
  const dur = (a: number, b: number) => (problem.durationsS ? Number(problem.durationsS.values[a * size + b]) : 0);
  const account = (pieceId: string, parentId: string, amount: number[]) => {
    if (seenPieces.has(pieceId)) add('duplicate', `${pieceId} appears twice`);
    seenPieces.add(pieceId);
    const job = jobs.get(parentId);
    if (!job) return add('unknown_job', `${parentId} is not a job`);
    const sum = delivered.get(parentId) ?? job.amount.map(() => 0);
    amount.forEach((a, d) => (sum[d] = (sum[d] ?? 0) + a));
    delivered.set(parentId, sum);
  };

  let total = 0;
  const usedVehicles = new Set<string>();
  for (const route of sol.routes) {
    const v = vehicles.get(route.vehicleId);
    if (!v) {
      add('vehicle', `unknown vehicle ${route.vehicleId}`);
      continue;
    }
    if (usedVehicles.has(v.id)) add('vehicle', `${v.id} has two routes`);
    usedVehicles.add(v.id);
    if (route.trips.length > (v.maxTrips ?? 1)) add('trips', `${v.id} makes ${route.trips.length} trips, max ${v.maxTrips ?? 1}`);
    const f = v.durationFactor ?? 1;
    let t = v.shift.startS;
    let routeDist = 0;
    route.trips.forEach((trip, k) => {
      if (k > 0) t += v.reloadS ?? 0;
      const load = v.capacity.map(() => 0);
      let prev = v.depot;
      let tripDist = 0;
      for (const stop of trip.stops) {
        account(stop.jobId, stop.parentJobId, stop.amount);
        stop.amount.forEach((a, d) => (load[d] = (load[d] ?? 0) + a));
        const job = jobs.get(stop.parentJobId);
        if (!job) continue;
        tripDist += dist(prev, job.location);
        const arrive = t + dur(prev, job.location) * f;
        const start = Math.max(arrive, job.timeWindow?.startS ?? -Infinity);
        if (job.timeWindow && start > job.timeWindow.endS + TOL) {
          add('time_window', `${stop.jobId} starts at ${start}, window ends ${job.timeWindow.endS}`);
        }
        if (Math.abs(start - stop.startS) > TOL) add('report', `${stop.jobId} reported start ${stop.startS}, actual ${start}`);
        t = start + job.serviceS;
        prev = job.location;
      }
      tripDist += dist(prev, v.depot);
      t += dur(prev, v.depot) * f;
      load.forEach((l, d) => {
        if (l > (v.capacity[d] ?? 0) + TOL) add('capacity', `${v.id} trip ${k + 1} carries ${l} > ${v.capacity[d] ?? 0} in dimension ${d}`);
      });
      if (Math.abs(tripDist - trip.distanceM) > TOL) add('report', `${v.id} trip ${k + 1} distance ${trip.distanceM}, actual ${tripDist}`);
      routeDist += tripDist;
    });
    if (t > v.shift.endS + TOL) add('shift', `${v.id} returns at ${t}, shift ends ${v.shift.endS}`);
    total += routeDist;
  }
  for (const u of sol.unassigned) account(u.jobId, u.parentJobId, u.amount);
  for (const job of problem.jobs) {
    const got = delivered.get(job.id);
    if (!got) {
      add('missing', `${job.id} neither served nor reported unassigned`);
      continue;
    }
    job.amount.forEach((a, d) => {
      if (Math.abs((got[d] ?? 0) - a) > TOL) add('amount', `${job.id} accounts for ${got[d] ?? 0} of ${a} in dimension ${d}`);
    });
  }
  if (Math.abs(total - sol.totalDistanceM) > TOL * Math.max(1, total)) {
    add('distance', `total distance ${sol.totalDistanceM}, actual ${total}`);
  }
  return out;
}
