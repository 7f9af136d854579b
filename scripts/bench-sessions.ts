import { randomBytes } from 'node:crypto';
import type { User } from '../server/contract';
import { hashToken } from '../server/services/staff/auth-service';
import type { Store } from '../server/services/ports';

// Benches log in hundreds of users: written straight to the store (one transaction) instead of
// hundreds of HTTP logins, which the login rate limit would slow and which are not what is measured.

/** Makes `user` (password hash `hash`) with a session valid for a day from `now`; answers its token. */
export async function benchSession(tx: Store, user: User, hash: string, now: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await tx.users.upsert(user, hash);
  await tx.sessions.create({
    tokenHash: hashToken(token), userId: user.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
  });
  return token;
}
