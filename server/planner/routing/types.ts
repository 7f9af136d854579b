/**
 * Public model of the rich VRP solved by the routing planner.
 * Locations are indices into square, row-major matrices shared by all jobs and depots.
 */

export interface Matrix {
  size: number;
  /** Row-major: values[from * size + to]. */
  values: ArrayLike<number>;
}

export interface TimeWindow {
  startS: number;
  endS: number;
}

export interface Job {
  id: string;
  location: number;
  /** One entry per capacity dimension, e.g. [kg, coldChainKg]. */
  amount: number[];
  serviceS: number;
  /** Service must start inside the window; arriving early means waiting. */
  timeWindow?: TimeWindow;
}

export interface Vehicle {
  id: string;
  /** Location index of the depot the van starts from, reloads at and returns to. */
  depot: number;
  capacity: number[];
  shift: TimeWindow;
  /** Trips per shift; the van returns to its depot to reload between trips. Default 1. */
  maxTrips?: number;
  /** Time spent at the depot reloading between two trips. Default 0. */
  reloadS?: number;
  /** Multiplies the duration matrix (a slow van has > 1). Default 1. */
  durationFactor?: number;
}

export interface RoutingProblem {
  distancesM: Matrix;
  /** Travel times; when absent the problem must have no time limits that bind (durations are taken as 0). */
  durationsS?: Matrix;
  jobs: Job[];
  vehicles: Vehicle[];
}

export interface SearchParams {
  /** Mean number of customers removed per ruin (SISR c-bar). */
  meanRemoved: number;
  /** Longest string removed from one trip (SISR L-max). */
  maxStringLength: number;
  /** Probability of the split-string variant (SISR alpha). */
  splitRate: number;
  /** Probability of ending the preserved part of a split string (SISR beta). */
  splitDepth: number;
  /** Probability of skipping an insertion position (SISR blink rate). */
  blinkRate: number;
  /** Start and end temperature of the annealing, as fractions of the mean edge length of the first solution. */
  startTemperature: number;
  endTemperature: number;
  /** Nearest-neighbour list length used by ruin and local search. */
  neighbours: number;
  /** Run local search on each new best solution of the annealing. */
  polishBest: boolean;
}

export interface SolveOptions {
  seed?: number;
  /** Cap on ruin-and-recreate iterations; with no deadline this alone makes a run reproducible. */
  maxIterations?: number;
  /** Absolute time, in the units of `now`, after which the search stops. */
  deadlineMs?: number;
  now?: () => number;
  /** Split jobs larger than any van into pieces that fit (default true). */
  splitDeliveries?: boolean;
  params?: Partial<SearchParams>;
}

export interface Stop {
  /** Id of the piece visited: the job id, or `${jobId}#${k}` for a piece of a split job. */
  jobId: string;
  parentJobId: string;
  amount: number[];
  arrivalS: number;
  startS: number;
  departureS: number;
  /** What is still on board after this stop. */
  loadAfter: number[];
}

export interface Trip {
  departS: number;
  returnS: number;
  /** Loaded at the depot for this trip. */
  load: number[];
  distanceM: number;
  stops: Stop[];
}

export interface VehicleRoute {
  vehicleId: string;
  trips: Trip[];
  distanceM: number;
}

/** depot_hours: set by the planner when a trip would load after its depot closes (the solver has no depot hours). */
export type UnassignedReason = 'capacity' | 'shift_too_short' | 'no_vehicle' | 'depot_hours';

export interface UnassignedJob {
  jobId: string;
  parentJobId: string;
  amount: number[];
  reason: UnassignedReason;
}

export interface RoutingSolution {
  routes: VehicleRoute[];
  totalDistanceM: number;
  unassigned: UnassignedJob[];
  stats: { iterations: number; improvements: number; initialDistanceM: number };
}
