import type { Disinfection, PassClaims, RevokedPass } from '../contract-requests';

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

export interface PassRepo {
  getKey(id: string): Promise<KeyRecord | null>;
  /** Inserts unless a key with that id exists; either way returns the stored key (two processes agree). */
  putKeyIfAbsent(key: KeyRecord): Promise<KeyRecord>;
  insert(claims: PassClaims): Promise<void>;
  list(filter?: { staffId?: string }): Promise<PassRecord[]>;
  /** Revokes the staff member's passes not yet revoked; returns how many. */
  revokeForStaff(staffId: string, at: string, by: string): Promise<number>;
  revoked(): Promise<RevokedPass[]>;
}

export interface DisinfectionRepo {
  insert(record: Omit<Disinfection, 'id'>): Promise<Disinfection>;
  /** Newest first. */
  list(vehicleId?: string): Promise<Disinfection[]>;
}
