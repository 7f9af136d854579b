import type { Disinfection, PassClaims, RevokedPass } from '../../contract/requests';

// Store ports for signing keys, staff passes and the disinfection log.

export interface KeyRecord {
  id: string;
  algorithm: 'Ed25519';
  privatePem: string;
  publicPem: string;
  createdAt: string;
}

export interface PassRecord {
  claims: PassClaims;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** What the revoked list needs of a pass a gate would still accept. */
export type LivePass = Pick<PassClaims, 'passId' | 'staffId' | 'validUntil'>;

export interface PassRepo {
  getKey(id: string): Promise<KeyRecord | null>;
  /** Inserts unless a key with that id exists; either way returns the stored key (two processes agree). */
  putKeyIfAbsent(key: KeyRecord): Promise<KeyRecord>;
  insert(claims: PassClaims): Promise<void>;
  list(filter?: { staffId?: string }): Promise<PassRecord[]>;
  /**
   * Revokes the staff member's passes not yet revoked (only those valid past `validAfter` when given:
   * the ones that would outlive a shortened health check); returns how many.
   */
  revokeForStaff(staffId: string, at: string, by: string, validAfter?: string): Promise<number>;
  revoked(): Promise<RevokedPass[]>;
  /** Passes neither revoked nor expired at `at`: the ones a gate would still accept. */
  live(at: string): Promise<LivePass[]>;
}

export interface DisinfectionRepo {
  insert(record: Omit<Disinfection, 'id'>): Promise<Disinfection>;
  /** Newest first. */
  list(vehicleId?: string): Promise<Disinfection[]>;
}
