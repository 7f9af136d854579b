import type { RequestCategory, RequestStatus, ResidentRequest } from '../contract-requests';

// Store ports for residents' requests (kept beside ports.ts, which holds the older aggregates).

/** A request as stored: the API's shape without the read-time age, plus the duplicate key. */
export type RequestRecord = Omit<ResidentRequest, 'ageS'> & { textHash: string };

export interface RequestFilter {
  status?: RequestStatus | readonly RequestStatus[];
  category?: RequestCategory;
  zoneId?: string;
  districtId?: string;
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
