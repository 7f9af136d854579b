import type { Alert, AlertListQuery, AlertView, RequestListQuery, RequestStatus, ResidentRequest } from '../../contract/requests';

// Store ports for residents' requests and alerts (kept beside ports.ts, which holds the older aggregates).

/** A request as stored: the API's shape without the read-time age, plus the duplicate key. */
export type RequestRecord = Omit<ResidentRequest, 'ageS'> & { textHash: string };

/** The API's list query, with several statuses at once and instants instead of ages (the service turns ages into instants). */
export interface RequestFilter extends Pick<RequestListQuery, 'category' | 'zoneId' | 'districtId'> {
  status?: RequestStatus | readonly RequestStatus[];
  /** Filed at or before / at or after these instants (ISO). */
  createdBefore?: string;
  createdAfter?: string;
  limit?: number;
}

export interface RequestRepo {
  insert(record: RequestRecord): Promise<void>;
  get(id: string): Promise<RequestRecord | null>;
  /** Oldest first (the longest waiting on top of a triage list). */
  list(filter?: RequestFilter): Promise<RequestRecord[]>;
  update(id: string, patch: Pick<RequestRecord, 'status' | 'ownerId' | 'note' | 'updatedAt'>): Promise<void>;
  /** The newest request in the zone with this text hash filed at or after `sinceIso`, if any. */
  findDuplicate(zoneId: string, textHash: string, sinceIso: string): Promise<RequestRecord | null>;
}

/** An alert as stored: the API's shape without the read-time level and age. */
export type AlertRecord = Omit<Alert, 'level' | 'ageS' | 'escalatedAt'> & { key: string; escalatedAt?: string | null };

/** The API's list query, its caller's "unseen escalated" flag made explicit by user. */
export interface AlertFilter extends Omit<AlertListQuery, 'unseenEscalated'> {
  /** Only escalated alerts this user has no view of. */
  unseenEscalatedBy?: string;
}

export interface AlertRepo {
  /** An open alert with the same key already stored (alerts_open_key_unique) raises DuplicateError (services/errors). */
  insert(record: AlertRecord): Promise<void>;
  get(id: string): Promise<AlertRecord | null>;
  /** Newest first. */
  list(filter?: AlertFilter): Promise<AlertRecord[]>;
  /** The newest alert with this key, if any. */
  latestByKey(key: string): Promise<AlertRecord | null>;
  update(id: string, patch: Partial<Pick<AlertRecord, 'state' | 'ownerId' | 'acknowledgedAt' | 'closedAt' | 'closedBy' | 'closeNote' | 'severity' | 'reasonZh' | 'reasonEn' | 'escalatedAt'>>): Promise<void>;
  /** Records that the user saw the alert; a later view keeps the first one's time. */
  recordView(alertId: string, userId: string, at: string): Promise<void>;
  /** Who saw the alert, first seen first. */
  views(alertId: string): Promise<AlertView[]>;
}
