import { createHash, randomBytes } from 'node:crypto';
import type { LoginResult, User } from '../../contract';
import type { LoginLimits } from '../../ops-config';
import { AppError } from '../errors';
import { createLoginThrottle, type LoginAttempt } from './login-throttle';
import type { Store } from '../ports';
import type { WindowCounterFactory } from '../rate-limit';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface AuthDeps {
  store: Store;
  passwords: PasswordHasher;
  now: () => Date;
  sessionTtlS: number;
  loginLimits?: LoginLimits;
  /** Where failed logins are counted (cluster: Redis, shared by every server). */
  windowCounters?: WindowCounterFactory;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sessions that just ended: one (logout) or all of a user's (revocation). The live layer drops their sockets. */
export type SessionsEnded = { tokenHash: string } | { userId: string };

/** Password login with revocable server-side sessions; the same token serves cookie and bearer use. */
export function createAuthService({ store, passwords, now, sessionTtlS, loginLimits, windowCounters }: AuthDeps) {
  const throttle = createLoginThrottle({ now, limits: loginLimits, counters: windowCounters });
  // A fixed hash to verify against when the user is unknown, so timing does not reveal usernames.
  let decoyHash: Promise<string> | null = null;
  const endedListeners = new Set<(ended: SessionsEnded) => void>();
  // Told after the commit, so a listener that re-checks the store sees the revocation.
  const announce = (ended: SessionsEnded) => { for (const listener of endedListeners) listener(ended); };

  const service = {
    /** `client.ip` is the caller's address (the throttle counts failures per username and per IP). */
    async login(username: string, password: string, client: { ip?: string } = {}): Promise<LoginResult> {
      const attempt: LoginAttempt = { username, ip: client.ip ?? '' };
      await throttle.check(attempt);
      const record = await store.users.getByUsername(username);
      decoyHash ??= passwords.hash('decoy-password');
      const ok = await passwords.verify(password, record?.passwordHash ?? (await decoyHash));
      if (!record || !ok) {
        const locked = await throttle.failed(attempt);
        // Coordinators read these in the audit log (GET /api/audit?action=session.fail).
        await store.audit.append({
          at: now().toISOString(), userId: record?.user.id ?? null, action: 'session.fail', entity: 'session', entityId: null,
          detail: { username: username.slice(0, 100), ip: attempt.ip, reason: record ? 'wrong_password' : 'unknown_user', locked },
        });
        throw new AppError('UNAUTHENTICATED', 'username or password is wrong');
      }
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + sessionTtlS * 1000);
      await store.transaction(async (tx) => {
        await tx.sessions.create({
          tokenHash: hashToken(token), userId: record.user.id,
          createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString(),
        });
        await tx.audit.append({
          at: createdAt.toISOString(), userId: record.user.id, action: 'session.create',
          entity: 'session', entityId: null, detail: { username },
        });
      });
      return { token, expiresAt: expiresAt.toISOString(), user: record.user };
    },

    /** The user behind a token, or null when the token is unknown, expired or revoked. */
    async authenticate(token: string): Promise<User | null> {
      const session = await store.sessions.findValid(hashToken(token), now().toISOString());
      return session ? store.users.get(session.userId) : null;
    },

    async logout(token: string, actor: User): Promise<void> {
      const at = now().toISOString();
      await store.transaction(async (tx) => {
        await tx.sessions.revoke(hashToken(token), at);
        await tx.audit.append({ at, userId: actor.id, action: 'session.revoke', entity: 'session', entityId: null, detail: null });
      });
      announce({ tokenHash: hashToken(token) });
    },

    async revokeAllFor(userId: string, actor: User): Promise<number> {
      const at = now().toISOString();
      const n = await store.transaction(async (tx) => {
        const n = await tx.sessions.revokeAllForUser(userId, at);
        await tx.audit.append({ at, userId: actor.id, action: 'session.revoke-all', entity: 'user', entityId: userId, detail: { sessions: n } });
        return n;
      });
      announce({ userId });
      return n;
    },

    /** A coordinator ends every session of a user (a lost phone, a driver taken off duty). */
    async revokeUserSessions(actor: User, userId: string): Promise<{ revoked: number }> {
      if (actor.role !== 'coordinator') throw new AppError('FORBIDDEN', 'only coordinators may revoke other users\' sessions');
      if (!(await store.users.get(userId))) throw new AppError('NOT_FOUND', `user "${userId}" does not exist`);
      return { revoked: await service.revokeAllFor(userId, actor) };
    },

    /** Listens for ended sessions; returns the unsubscribe. */
    onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
  };
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;
