// Residents' requests, weak-signal alerts and frontline passes: part of the contract (re-exported by
// index.ts, which the web imports).

export type RequestCategory =
  | 'food_shortage'
  | 'medicine'
  | 'special_diet'
  | 'elderly_disabled_care'
  | 'infant_needs'
  | 'complaint'
  | 'other';
export const REQUEST_CATEGORIES: readonly RequestCategory[] = [
  'food_shortage', 'medicine', 'special_diet', 'elderly_disabled_care', 'infant_needs', 'complaint', 'other',
];

export type RequestStatus = 'new' | 'assigned' | 'resolved' | 'referred';
export const REQUEST_STATUSES: readonly RequestStatus[] = ['new', 'assigned', 'resolved', 'referred'];

/** What a resident sends from the zone's public page (no login). */
export interface PublicRequestInput {
  category: RequestCategory;
  commodityId?: string;
  /** Building and unit, e.g. "12栋 3单元". */
  building: string;
  /** Phone or WeChat: seen by staff only, never shown back. */
  contact: string;
  text: string;
  /** Honeypot: the page hides it, so only a bot fills it in. */
  website?: string;
}

/** All a resident gets back: nothing they typed is echoed. */
export interface RequestReceipt {
  receiptId: string;
  message: string;
}

export interface PublicZone {
  zoneId: string;
  name: string;
  nameEn: string;
  commodities: Array<{ id: string; name: string; nameEn: string }>;
}

export interface ResidentRequest {
  id: string;
  receiptId: string;
  zoneId: string;
  districtId: string;
  category: RequestCategory;
  commodityId: string | null;
  building: string;
  contact: string;
  text: string;
  status: RequestStatus;
  ownerId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  /** Seconds since it was filed, computed when read. */
  ageS: number;
}

export interface RequestListQuery {
  status?: RequestStatus;
  category?: RequestCategory;
  zoneId?: string;
  districtId?: string;
  /** Only requests at least this old (the ones waiting too long). */
  minAgeS?: number;
  maxAgeS?: number;
}

export interface RequestPatch {
  status: Exclude<RequestStatus, 'new'>;
  /** Required for `assigned`: the user who handles it. */
  ownerId?: string;
  /** Required for `resolved` and `referred`. */
  note?: string;
}

export type RequestBulkAction = 'assign' | 'resolve' | 'refer';

export interface RequestBulkInput {
  ids: string[];
  action: RequestBulkAction;
  ownerId?: string;
  note?: string;
}

// ---- Alerts (weak signals) -------------------------------------------------------------------

export type AlertRule = 'request_spike' | 'commodity_complaints' | 'low_cover' | 'failed_handoff' | 'no_delivery' | 'playbook_overdue' | 'missed_eta';
export type AlertLevel = 'yellow' | 'orange' | 'red';
export type AlertState = 'open' | 'acknowledged' | 'closed';
/** What is at stake (days of cover, people affected, special needs), not age: see server/domain/alert-severity.ts. */
export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface Alert {
  id: string;
  zoneId: string;
  districtId: string;
  rule: AlertRule;
  /** The commodity the alert is about (low cover, complaints about one commodity), else null. */
  commodityId: string | null;
  severity: AlertSeverity;
  reasonZh: string;
  reasonEn: string;
  state: AlertState;
  /** Climbs with age while unacknowledged; frozen at acknowledgement. */
  level: AlertLevel;
  /** Who acknowledged it (the owner from then on). */
  ownerId: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  ageS: number;
  /** When it reached the top level (red) unacknowledged: its owner and the district's officials were told then. */
  escalatedAt: string | null;
}

/** Who saw an alert (its history): one entry per user, at their first view. */
export interface AlertView {
  alertId: string;
  userId: string;
  username: string;
  displayName: string;
  seenAt: string;
}

export interface AlertListQuery {
  state?: AlertState;
  rule?: AlertRule;
  severity?: AlertSeverity;
  zoneId?: string;
  districtId?: string;
  ownerId?: string;
  /** 'true': only escalated alerts the caller has not seen yet (the notice a page shows on load). */
  unseenEscalated?: 'true';
}

export type AlertBulkAction = 'acknowledge' | 'assign';

export interface AlertBulkInput {
  ids: string[];
  action: AlertBulkAction;
  /** For assign: the staff user who owns the alerts from now on. */
  ownerId?: string;
}

// ---- Frontline passes ------------------------------------------------------------------------

/** The signed content of a pass; the token is base64url(JSON of this) + "." + base64url(Ed25519 signature). */
export interface PassClaims {
  passId: string;
  staffId: string;
  passNumber: string;
  name: string;
  photoRef: string | null;
  vehicleId: string | null;
  vehicleName: string | null;
  issuedAt: string;
  /** The health check's validity: the pass lapses with it. */
  validUntil: string;
}

export interface StaffPass extends PassClaims {
  token: string;
}

export interface PassIssueInput {
  photoRef?: string;
  /** Ends the pass sooner than the default (the health check's end, at most PASS_MAX_VALIDITY_S after issue). */
  validUntil?: string;
}

export interface PassPublicKey {
  algorithm: 'Ed25519';
  /** SubjectPublicKeyInfo, PEM. */
  publicKeyPem: string;
  /** The same key as a JWK (WebCrypto importKey('jwk', …) on a gate device). */
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

export interface RevokedPass {
  passId: string;
  revokedAt: string;
}

/** A pass checked by the server against its key and the current revoked list. */
export type PassVerdict =
  | { valid: true; claims: PassClaims }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'revoked' };

export interface DisinfectionInput {
  at: string;
  by: string;
  method: string;
}

export interface Disinfection extends DisinfectionInput {
  id: number;
  vehicleId: string;
  recordedBy: string;
  recordedAt: string;
}

export interface RequestApiRoutes {
  'GET /api/public/zones/:zoneId': { body: never; reply: PublicZone };
  'POST /api/public/zones/:zoneId/requests': { body: PublicRequestInput; reply: RequestReceipt };
  'GET /api/requests': { body: never; query: RequestListQuery; reply: ResidentRequest[] };
  'GET /api/requests/:id': { body: never; reply: ResidentRequest };
  'PATCH /api/requests/:id': { body: RequestPatch; reply: ResidentRequest };
  'POST /api/requests/bulk': { body: RequestBulkInput; reply: ResidentRequest[] };
}

export interface AlertApiRoutes {
  'GET /api/alerts': { body: never; query: AlertListQuery; reply: Alert[] };
  'POST /api/alerts/:id/ack': { body: never; reply: Alert };
  'POST /api/alerts/:id/close': { body: { note: string }; reply: Alert };
  'POST /api/alerts/bulk': { body: AlertBulkInput; reply: Alert[] };
  'GET /api/alerts/:id/views': { body: never; reply: AlertView[] };
  'POST /api/alerts/:id/views': { body: never; reply: AlertView[] };
}

export interface PassApiRoutes {
  'POST /api/staff/:id/pass': { body: PassIssueInput; reply: StaffPass };
  'POST /api/staff/:id/pass/revoke': { body: never; reply: { revoked: number } };
  'GET /api/passes/public-key': { body: never; reply: PassPublicKey };
  'GET /api/passes/revoked': { body: never; reply: RevokedPass[] };
  'POST /api/passes/verify': { body: { token: string }; reply: PassVerdict };
  'POST /api/vehicles/:id/disinfections': { body: DisinfectionInput; reply: Disinfection };
  'GET /api/vehicles/:id/disinfections': { body: never; reply: Disinfection[] };
}
