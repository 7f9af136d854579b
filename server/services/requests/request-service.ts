import type { RequestLimits } from '../../ops-config';
import type { Store } from '../ports';
import type { RateLimiterFactory, WindowCounterFactory } from '../rate-limit';
import type { RequestRecord } from './ports';
import { createRequestIntake } from './request-intake';
import { createRequestTriage } from './request-triage';

export interface RequestServiceDeps {
  store: Store;
  now: () => Date;
  limits?: RequestLimits;
  rateLimiters?: RateLimiterFactory;
  windowCounters?: WindowCounterFactory;
}

/** Residents' requests: public intake and staff triage, with a hook for whoever reacts to new ones. */
export function createRequestService({ store, now, limits, rateLimiters, windowCounters }: RequestServiceDeps) {
  const listeners = new Set<(record: RequestRecord) => void>();
  const intake = createRequestIntake({ store, now, limits, rateLimiters, windowCounters, onFiled: (r) => { for (const l of listeners) l(r); } });
  return {
    ...intake,
    ...createRequestTriage(store, now),
    /** Listens for newly filed requests; returns the unsubscribe. */
    onFiled(listener: (record: RequestRecord) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
