import { EventEmitter } from 'node:events';
import type { PlanEvent } from '../../contract';

// Plan status changes, from wherever plans run to every server that pushes them to its clients.

export interface PlanEventMeta {
  /** Caused in this process (a publish through its API, or a plan run in its own worker thread). */
  local: boolean;
}

export interface PlanEventBus {
  publish(event: PlanEvent): void;
  /** Returns the unsubscribe. */
  subscribe(listener: (event: PlanEvent, meta: PlanEventMeta) => void): () => void;
}

/** One process: every event is local. */
export function createLocalPlanEventBus(): PlanEventBus {
  const events = new EventEmitter();
  return {
    publish: (event) => { events.emit('plan', event); },
    subscribe(listener) {
      const wrapped = (event: PlanEvent) => listener(event, { local: true });
      events.on('plan', wrapped);
      return () => { events.off('plan', wrapped); };
    },
  };
}
