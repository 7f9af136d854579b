// Live operations over socket.io: part of the contract (re-exported by index.ts, which the web
// imports).
import type { ApiResult, HandoffMode, LngLat } from './base';
import type { PlanStatus } from './plans';
import type { Alert } from './requests';

// ---- Live operations (socket.io) ---------------------------------------------------------------
// Rooms: `coordinators`, `district:<id>`, `vehicle:<id>`; a socket joins exactly the one its user may
// see, re-checked on every (re)connect. Each room has its own sequence: every pushed event carries the
// room's `v`, so a client that sees v ≠ last + 1 (or a new `epoch`) asks for a snapshot (sync:request).

/** A stop of a published plan, named by its place in the van's route (as PlanSituation does). */
export interface StopRef {
  planId: string;
  vehicleId: string;
  tripIndex: number;
  stopIndex: number;
}

export interface PositionInput {
  lng: number;
  lat: number;
  speedKmh: number;
  /** When the device took the fix (devices buffer fixes in dead spots and send them late). */
  at: string;
}

/** Every driver event carries a key the device made (a UUID): a retry with the same key is a no-op. */
export interface VehicleMoveInput {
  key: string;
  vehicleId: string;
  position: PositionInput;
}

export interface StopArriveInput extends StopRef {
  key: string;
  at: string;
}

export interface StopDeliverInput extends StopRef {
  key: string;
  at: string;
  /** commodityId → kg handed over. */
  quantitiesKg: Record<string, number>;
  handoffMode: HandoffMode;
  /** Reference of a photo uploaded separately (the device's file id), if one was taken. */
  photoRef?: string;
  /** Why less than planned was handed over (optional: the server records it with the event). */
  shortReason?: ShortDeliveryReason;
}

export type ShortDeliveryReason =
  | 'not_enough_on_van' // the van was loaded short or goods were used at an earlier stop
  | 'zone_took_less' // the zone staff took less (fewer households at home, no storage)
  | 'goods_damaged'
  | 'other';
export const SHORT_DELIVERY_REASONS: readonly ShortDeliveryReason[] = ['not_enough_on_van', 'zone_took_less', 'goods_damaged', 'other'];

export type StopFailReason =
  | 'nobody_at_handoff' // no zone staff or volunteer at the gate
  | 'access_blocked' // checkpoint or road closed
  | 'refused' // the zone refused the goods
  | 'goods_damaged'
  | 'vehicle_problem'
  | 'other';
export const STOP_FAIL_REASONS: readonly StopFailReason[] = [
  'nobody_at_handoff', 'access_blocked', 'refused', 'goods_damaged', 'vehicle_problem', 'other',
];

export interface StopFailInput extends StopRef {
  key: string;
  at: string;
  reason: StopFailReason;
  text: string;
}

export type StopStatus = 'pending' | 'arrived' | 'delivered' | 'failed';

/** What the server stored for a driver event; a retry with the same key gets exactly this back. */
export interface StopEventResult extends StopRef {
  eventId: number;
  kind: 'arrived' | 'delivered' | 'failed';
  status: StopStatus;
  zoneId: string;
  at: string;
  recordedAt: string;
  /**
   * A delivery only: the depot whose stock it drew on, and the kg per commodity that stock did not
   * cover (book stock was short: the delivery is still recorded, the stock stops at 0, and the
   * shortfall is audited as depot.stock_short for the coordinator to correct the stock count).
   */
  depotId?: string;
  stockShortKg?: Record<string, number>;
}

export interface MoveResult {
  accepted: true;
  /** False when the same fix (vehicle and instant) was already received. */
  fresh: boolean;
}

/** Acks use the HTTP reply shape; a reused key with different content answers CONFLICT. */
export type LiveAck<T> = ApiResult<T>;

export interface LivePosition extends PositionInput {
  vehicleId: string;
}

export interface LiveStop extends StopRef {
  zoneId: string;
  location: LngLat;
  status: StopStatus;
  /** Planned arrival as an instant (the plan day's local midnight + arrivalS). */
  plannedAt: string;
  /** Estimated arrival from the last position, for stops still to do; null otherwise or without a fix. */
  etaAt: string | null;
  deliveredKg: Record<string, number>;
  plannedKg: Record<string, number>;
}

export interface LiveVehicle {
  vehicleId: string;
  districtId: string | null;
  planId: string | null;
  position: LivePosition | null;
  /** Metres from the planned route (straight legs between stops); null without a fix or a route. */
  offRouteM: number | null;
  offRoute: boolean;
  /** Seconds the next stop's ETA is behind its plan (negative: ahead); null when nothing is left. */
  delayS: number | null;
  late: boolean;
  stops: LiveStop[];
}

export interface LiveZoneCover {
  zoneId: string;
  districtId: string;
  /** Local day the deliveries count for, YYYY-MM-DD. */
  date: string;
  deliveredKg: Record<string, number>;
  /** Days the delivered goods last at the zone's daily need; null where the zone needs none. */
  daysOfCover: Record<string, number | null>;
}

/** Every pushed event: the room it was sent to, the room's sequence and the server's epoch. */
export interface LiveEnvelope {
  room: string;
  v: number;
  /** Changes when the server restarts: sequences start again, so the client resyncs. */
  epoch: string;
}

export interface LiveSnapshot extends LiveEnvelope {
  vehicles: LiveVehicle[];
  zones: LiveZoneCover[];
}

export interface VehicleMove {
  vehicle: Omit<LiveVehicle, 'stops'>;
  /** ETAs of the stops still to do (that the room may see), in route order. */
  etas: { tripIndex: number; stopIndex: number; etaAt: string | null }[];
}

/**
 * Vans that moved (or were re-estimated) in the last batch window, each once with its newest state.
 * Batched so a city of vans costs one frame per room and window, not one per fix and watcher.
 */
export interface VehiclesMovedEvent extends LiveEnvelope {
  moves: VehicleMove[];
}

export interface StopUpdatedEvent extends LiveEnvelope {
  stop: LiveStop;
  event: StopEventResult;
  reason?: StopFailReason;
  text?: string;
}

export interface ZoneCoverChangedEvent extends LiveEnvelope {
  zone: LiveZoneCover;
}

export interface PlanPublishedEvent extends LiveEnvelope {
  planId: string;
  version: number | null;
  districtId: string | null;
  /** The vans of that plan this room may see: fetch their routes over HTTP. */
  vehicleIds: string[];
}

/** A plan's run moving on, to the coordinators and (a district's plan) that district's room. Not sequenced and
 * not replayed: progress is transient, the next one supersedes it, and GET /api/plans/:id stays the truth (a
 * client that missed the last one finds the status there). At most ~5 per second per plan. */
export interface PlanProgressEvent {
  planId: string;
  districtId: string | null;
  status: PlanStatus;
  /** 0…1 */
  progress: number;
}

/**
 * An alert of the room's district was raised, acknowledged or closed (coordinators hear every
 * district). Alerts are not part of the snapshot: after a resync, fetch GET /api/alerts again.
 */
export interface AlertChangedEvent extends LiveEnvelope {
  alert: Alert;
  /** updated: a newer evaluation changed its reason or severity (a new plan still leaves the zone short). */
  change: 'raised' | 'updated' | 'acknowledged' | 'assigned' | 'closed' | 'escalated';
}

export interface SessionEndedEvent {
  reason: 'revoked' | 'expired' | 'reassigned';
}

/**
 * Sent to every socket when the server process is stopping (SIGTERM: a deploy or a restart). The
 * socket is then closed without a disconnect packet, so socket.io clients reconnect by themselves;
 * retryAfterMs says how long to wait first, so that a fleet of vans does not hammer a restarting
 * server. Driver events not acknowledged by then are to be resent with the same key.
 */
export interface ServerShutdownEvent {
  retryAfterMs: number;
}

export interface ServerToClientEvents {
  'vehicles:moved': (event: VehiclesMovedEvent) => void;
  'stop:updated': (event: StopUpdatedEvent) => void;
  'zone:cover-changed': (event: ZoneCoverChangedEvent) => void;
  'plan:published': (event: PlanPublishedEvent) => void;
  'plan:progress': (event: PlanProgressEvent) => void;
  'alert:changed': (event: AlertChangedEvent) => void;
  /** Not sequenced (each server tells its own sockets): a client that missed one re-reads the board on reconnect. */
  'vans:board': (event: VanBoardChangedEvent) => void;
  /** Sent just before the server drops the socket: log in again (revoked) or reconnect (reassigned). */
  'session:ended': (event: SessionEndedEvent) => void;
  'server:shutdown': (event: ServerShutdownEvent) => void;
}

export interface ClientToServerEvents {
  'vehicle:move': (input: VehicleMoveInput, ack: (reply: LiveAck<MoveResult>) => void) => void;
  'stop:arrive': (input: StopArriveInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'stop:deliver': (input: StopDeliverInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'stop:fail': (input: StopFailInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'sync:request': (ack: (reply: LiveAck<LiveSnapshot>) => void) => void;
}

/** What a socket handshake sends: the bearer token (devices) unless the session cookie rides along. */
export interface LiveHandshakeAuth {
  token?: string;
}

export interface TrackPoint {
  lng: number;
  lat: number;
  speedKmh: number;
  at: string;
}

export interface VehicleTrack {
  vehicleId: string;
  date: string;
  points: TrackPoint[];
}

// ---- Van board (GET /api/vans/board) -----------------------------------------------------------

export type VanState = 'not_started' | 'at_depot' | 'en_route' | 'at_stop' | 'done' | 'broken_down';
export const VAN_STATES: readonly VanState[] = ['not_started', 'at_depot', 'en_route', 'at_stop', 'done', 'broken_down'];

/**
 * Where the board's clock falls against a van's plan day: lateness, ETAs and silence mean something only
 * while the day runs ('today'); before it the times are the plan's, after it only what was delivered counts.
 */
export type BoardDay = 'past' | 'today' | 'future';

export interface VanBoardRow {
  vehicleId: string;
  name: string;
  driverName: string | null;
  planId: string;
  /** The plan's local day, YYYY-MM-DD. */
  planDate: string;
  day: BoardDay;
  state: VanState;
  position: { lng: number; lat: number; at: string } | null;
  /** Seconds since the last fix; null when the van never sent one. */
  positionAgeS: number | null;
  /** On duty (its first trip is due) and no fix for a while, or none at all. */
  silent: boolean;
  nextStop: {
    tripIndex: number;
    stopIndex: number;
    zoneId: string;
    zoneName: string;
    zoneNameEn: string;
    location: LngLat;
    plannedAt: string;
    /** From the last fix; null without one. */
    etaAt: string | null;
    /** Expected arrival as local HH:MM (the ETA, or without one the later of now and the plan); the planned time outside the plan day. */
    eta: string;
  } | null;
  /** How far the next stop runs behind its plan, whole minutes (0 when on time or ahead, and outside the plan day). */
  minutesLate: number;
  late: boolean;
  deliveredKg: number;
  plannedKg: number;
  stopsDone: number;
  stopsFailed: number;
  stopsTotal: number;
}

/** Every van of the published plans the caller sees (an official: the vans serving their district), most urgent first. */
export interface VanBoard {
  at: string;
  vans: VanBoardRow[];
}

/**
 * vans:board, pushed to coordinators and officials: the rows that changed since the last push (each
 * row as of `at`; `positionAgeS` ages on from there) and the vans that left the caller's board. Applied
 * on top of GET /api/vans/board; a push older than the board read (`at`) is stale and skipped.
 */
export interface VanBoardChangedEvent {
  at: string;
  vans: VanBoardRow[];
  removed: string[];
}
