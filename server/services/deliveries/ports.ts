import type { AuditEntry, StopEventResult, StopRef, StopStatus, TrackPoint } from '../../contract';
import type { PlanRepo } from '../plans/ports';

// Delivery recording's store ports, one per aggregate: a stop's events, progress and deliveries
// (DeliveryRepo) and the vans' GPS tracks (TrackRepo). server/store implements them
// (delivery-repo.ts, track-repo.ts); the stock a delivery draws is on DepotRepo (services/ports.ts).
// Store exposes them as `deliveries` and `tracks`.

export interface NewStopEvent extends StopRef {
  key: string;
  requestHash: string;
  kind: StopEventResult['kind'];
  zoneId: string;
  userId: string;
  at: string;
  recordedAt: string;
  detail: unknown;
  /** The ack without eventId (the row id is added on read). */
  result: Omit<StopEventResult, 'eventId'>;
}

export interface StoredStopEvent {
  requestHash: string;
  result: StopEventResult;
}

export interface StopProgress extends StopRef {
  zoneId: string;
  status: Exclude<StopStatus, 'pending'>;
  arrivedAt: string | null;
  finishedAt: string | null;
  deliveredKg: Record<string, number>;
  lastEventId: number;
}

export interface DeliveryRepo {
  findStopEvent(vehicleId: string, key: string): Promise<StoredStopEvent | null>;
  /** Returns the new event's id; a duplicate (vehicle, key) raises DuplicateError (services/errors). */
  insertStopEvent(event: NewStopEvent): Promise<number>;
  /** A van's stops on a plan, or (no van given) every van's: in van, trip and stop order. */
  stopProgress(planId: string, vehicleId?: string): Promise<StopProgress[]>;
  /**
   * Inside a transaction: waits until no other transaction is recording an event for this van's
   * plan, and holds that turn until commit, so read-progress-then-write cannot interleave.
   */
  lockStops(planId: string, vehicleId: string): Promise<void>;
  /**
   * Inside a transaction: whether the plan is (still) published, holding a shared turn on it until
   * commit, so a publish superseding it (lockPlanForPublish) waits for the events being recorded
   * and events after it see the plan superseded.
   */
  stillPublished(planId: string): Promise<boolean>;
  /** Inside the publish transaction: waits for events being recorded on a plan about to be superseded. */
  lockPlanForPublish(planId: string): Promise<void>;
  upsertStopProgress(progress: StopProgress): Promise<void>;
  /** One row per commodity, and the zone's delivered-so-far for the day raised by the same amounts. */
  addDeliveries(eventId: number, zoneId: string, localDate: string, kg: Record<string, number>): Promise<void>;
  /** zoneId → commodityId → kg delivered on that local day. */
  zoneDelivered(localDate: string): Promise<Map<string, Record<string, number>>>;
  /** commodityId → kg delivered to one zone on that local day. */
  zoneDeliveredFor(zoneId: string, localDate: string): Promise<Record<string, number>>;
  /** Stop events of one kind recorded at or after `sinceIso` (what the alert rules read). */
  stopEventsSince(kind: StopEventResult['kind'], sinceIso: string): Promise<{ eventId: number; zoneId: string; at: string }[]>;
  /** zoneId → the device time of the zone's newest delivery, for the zones given. */
  lastDeliveredAt(zoneIds: readonly string[]): Promise<Map<string, string>>;
}

export interface PositionRow extends TrackPoint {
  vehicleId: string;
  localDate: string;
}

export interface TrackRepo {
  /** Inserts fixes, ignoring any already stored for the same vehicle and instant; returns how many were new. */
  insertPositions(rows: readonly PositionRow[]): Promise<number>;
  track(vehicleId: string, localDate: string): Promise<TrackPoint[]>;
  /** The newest stored fix of each vehicle (or of one). */
  lastPositions(vehicleId?: string): Promise<PositionRow[]>;
}

/**
 * What the delivery service touches of the store, and all a transaction of it sees. The depots' and
 * the audit log's methods are spelled out (their ports are in services/ports.ts, which imports this
 * file: importing them from there would make a cycle); the store's repositories satisfy them, which
 * the compiler checks wherever a Store is handed in.
 */
export interface DeliveryStore {
  deliveries: DeliveryRepo;
  /** Only to tell a report on a superseded plan from one on a van without a route. */
  plans: Pick<PlanRepo, 'get'>;
  /** The stock a delivery draws: DepotRepo.drawStock (services/ports.ts). */
  depots: { drawStock(depotId: string, kg: Record<string, number>): Promise<Record<string, number>> };
  audit: { append(entry: Omit<AuditEntry, 'id'>): Promise<void> };
  transaction<T>(fn: (tx: DeliveryStore) => Promise<T>): Promise<T>;
}
