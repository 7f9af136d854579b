import type { Job, Vehicle } from './types';

export interface Piece {
  job: Job;
  /** Index of the original job in the problem's job list. */
  parentIndex: number;
  parentId: string;
}

/** How many pieces `amount` needs so that each fits vehicle `capacity`; Infinity if it can never fit. */
function piecesFor(amount: number[], capacity: number[]): number {
  let pieces = 1;
  for (let d = 0; d < amount.length; d++) {
    const a = amount[d] ?? 0;
    if (a <= 0) continue;
    const cap = capacity[d] ?? 0;
    if (cap <= 0) return Infinity;
    pieces = Math.max(pieces, Math.ceil(a / cap - 1e-9));
  }
  return pieces;
}

/** Even shares of `total` that sum back to it exactly; integer totals stay integer. */
function shares(total: number, count: number): number[] {
  const out: number[] = [];
  if (Number.isInteger(total)) {
    const base = Math.floor(total / count);
    const extra = total - base * count;
    for (let i = 0; i < count; i++) out.push(base + (i < extra ? 1 : 0));
    return out;
  }
  let rest = total;
  for (let i = 0; i < count - 1; i++) {
    out.push(total / count);
    rest -= total / count;
  }
  out.push(rest);
  return out;
}

/**
 * Split delivery: a job bigger than every van is cut into the fewest equal pieces that fit the
 * best-suited van, each visited on its own. Each piece keeps the full service time, since
 * unloading overhead is per visit. Jobs no van can ever carry stay whole and end up unassigned.
 */
export function splitOversizedJobs(jobs: Job[], vehicles: Vehicle[]): Piece[] {
  const out: Piece[] = [];
  jobs.forEach((job, parentIndex) => {
    let count = Infinity;
    for (const v of vehicles) count = Math.min(count, piecesFor(job.amount, v.capacity));
    if (!Number.isFinite(count) || count <= 1) {
      out.push({ job, parentIndex, parentId: job.id });
      return;
    }
    const perDim = job.amount.map((a) => shares(a, count));
    for (let i = 0; i < count; i++) {
      out.push({
        job: { ...job, id: `${job.id}#${i + 1}`, amount: perDim.map((s) => s[i] ?? 0) },
        parentIndex,
        parentId: job.id,
      });
    }
  });
  return out;
}
