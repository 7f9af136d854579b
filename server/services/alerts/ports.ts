import type { Alert, AlertListQuery, AlertView } from '../../contract/requests';

// Store port for the weak-signal alerts and who has seen them.

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
