export { allocate, DEFAULT_NEAREST_DEPOTS } from './allocate';
export { leximinByLp, maxMinLevelByLp, type LpAllocation } from './allocation-lp';
export { loadRoutes } from './load-routes';
export { TOLERANCE_KG } from './tolerance';
export type * from './load-routes';
export type * from './types';
