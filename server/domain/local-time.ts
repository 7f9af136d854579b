// Local dates and times are a rule both sides run, so they live in the contract (the web imports only
// server/contract/); the server's pure rules, services and the planner keep importing them from here.
export * from '../contract/local-time';
