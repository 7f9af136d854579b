export { allocate, DEFAULT_NEAREST_DEPOTS } from './allocate';
export { leximinByLp, maxMinLevelByLp, type LpAllocation } from './allocation-lp';
export type * from './types';
export { loadRoutes, type LoadRoutesInput, type LoadRoutesResult, type LoadTrip, type LoadLimit, type StopLoad } from './load-routes';
