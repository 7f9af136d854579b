import type { Role, Staff, User } from '../../contract';
import type { PassClaims, RevokedPass } from '../../contract/requests';
import type { DistrictFilter } from '../references/ports';

// Store ports for the staff records, the logins and their sessions, the signing keys and the staff passes.

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

export interface StaffRepo {
  list(filter?: DistrictFilter): Promise<Staff[]>;
  get(id: string): Promise<Staff | null>;
  upsert(staff: Staff): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface UserRecord {
  user: User;
  passwordHash: string;
}

export interface UserRepo {
  get(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<UserRecord | null>;
  list(filter?: { role?: Role }): Promise<User[]>;
  upsert(user: User, passwordHash: string): Promise<void>;
}

export interface SessionRecord {
  /** SHA-256 of the bearer token: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionRepo {
  create(session: SessionRecord): Promise<void>;
  /** The session if it exists, is not revoked and expires after `nowIso`. */
  findValid(tokenHash: string, nowIso: string): Promise<SessionRecord | null>;
  revoke(tokenHash: string, nowIso: string): Promise<void>;
  revokeAllForUser(userId: string, nowIso: string): Promise<number>;
  /** tokenHash → user, for the sessions among `tokenHashes` still valid at `nowIso` (the live sockets' re-check). */
  validUsers(tokenHashes: readonly string[], nowIso: string): Promise<Map<string, User>>;
}
