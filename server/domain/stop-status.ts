import type { StopEventResult, StopStatus } from '../contract';

// A stop's life on a published plan: which event a driver may record from which state. The delivery
// service (server/services/deliveries/delivery-service.ts) asks this table inside the stop's lock,
// against the committed progress.

export type StopKind = StopEventResult['kind'];

// A second delivery needs a new plan, not a new key, so a device that lost its key cannot double a
// delivery; a failed handoff may still be delivered (the driver came back), a delivered one not failed.
export const STOP_TRANSITIONS: Readonly<Record<StopKind, readonly StopStatus[]>> = {
  arrived: ['pending'],
  delivered: ['pending', 'arrived', 'failed'],
  failed: ['pending', 'arrived'],
};

/** Whether a stop now in `from` may be marked `kind`. */
export function canRecord(from: StopStatus, kind: StopKind): boolean {
  return STOP_TRANSITIONS[kind].includes(from);
}
