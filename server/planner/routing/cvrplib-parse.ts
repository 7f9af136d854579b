/** TSPLIB/CVRPLIB text formats. Pure parsing: callers read the files. */

export interface CvrpInstance {
  name: string;
  /** Number of nodes including the depot. */
  dimension: number;
  capacity: number;
  /** coords[i] of node id i + 1. */
  coords: [number, number][];
  demands: number[];
  /** 0-based index of the depot node. */
  depot: number;
}

export interface CvrpSolution {
  /** Customers per route, numbered 1..n as in CVRPLIB .sol files (node index after the depot). */
  routes: number[][];
  cost: number;
}

export function parseCvrp(text: string): CvrpInstance {
  const header = new Map<string, string>();
  const coords: [number, number][] = [];
  const demands: number[] = [];
  let depot = 0;
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      header.set(kv[1]!, kv[2]!.trim());
      section = '';
      continue;
    }
    if (/^[A-Z_]+$/.test(line)) {
      section = line;
      continue;
    }
    const nums = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') coords[nums[0]! - 1] = [nums[1]!, nums[2]!];
    else if (section === 'DEMAND_SECTION') demands[nums[0]! - 1] = nums[1]!;
    else if (section === 'DEPOT_SECTION' && nums[0]! > 0) depot = nums[0]! - 1;
  }
  const type = header.get('EDGE_WEIGHT_TYPE');
  if (type !== 'EUC_2D') throw new Error(`unsupported EDGE_WEIGHT_TYPE ${type ?? '(none)'}`);
  const dimension = Number(header.get('DIMENSION'));
  const capacity = Number(header.get('CAPACITY'));
  if (!(dimension > 0) || !(capacity > 0)) throw new Error('missing DIMENSION or CAPACITY');
  if (coords.length !== dimension || demands.length !== dimension) {
    throw new Error(`expected ${dimension} coordinates and demands`);
  }
  return { name: header.get('NAME') ?? '', dimension, capacity, coords, demands, depot };
}

/** TSPLIB nint of the Euclidean distance. */
export function tsplibDistance(a: [number, number], b: [number, number]): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
}

export function distanceMatrix(inst: CvrpInstance): Float64Array {
  const n = inst.dimension;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = tsplibDistance(inst.coords[i]!, inst.coords[j]!);
  }
  return m;
}

export function parseCvrpSolution(text: string): CvrpSolution {
  const routes: number[][] = [];
  let cost = NaN;
  for (const raw of text.split(/\r?\n/)) {
    const route = /^Route\s*#\d+\s*:(.*)$/i.exec(raw.trim());
    if (route) routes.push(route[1]!.trim().split(/\s+/).filter(Boolean).map(Number));
    const c = /^Cost\s+([\d.]+)/i.exec(raw.trim());
    if (c) cost = Number(c[1]);
  }
  return { routes, cost };
}
