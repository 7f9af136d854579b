export { solveRouting } from './solver';
export { checkSolution, type Violation } from './checker';
export { splitOversizedJobs, type Piece } from './split';
export { parseCvrp, parseCvrpSolution, distanceMatrix, tsplibDistance, type CvrpInstance, type CvrpSolution } from './cvrplib-parse';
export { cvrpToProblem, cvrpRoutes } from './cvrp';
export { DEFAULT_PARAMS } from './search';
export { euclideanMatrices } from './matrix';
export type * from './types';
