import type { RequestListQuery, RequestStatus, ResidentRequest } from '../../contract/requests';

// Store port for residents' requests.

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
