import type { Knex } from 'knex';
import type { SessionRecord, SessionRepo } from '../services/staff/ports';
import { canonicalIso } from './codec';
import { userFromRow, type UserRow } from './user-repo';

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

// SQLite allows 32766 bound variables per statement: a long list of sessions is read 500 at a time.
const IN_CHUNK = 500;

// Instants are stored as canonical ISO text (see canonicalIso): the expiry test is then a plain
// text comparison that behaves the same on SQLite and PostgreSQL.

export function createSessionRepo(db: Knex): SessionRepo {
  return {
    async create(s: SessionRecord) {
      const row: SessionRow = {
        token_hash: s.tokenHash, user_id: s.userId, created_at: canonicalIso(s.createdAt),
        expires_at: canonicalIso(s.expiresAt), revoked_at: null,
      };
      await db('sessions').insert(row);
    },
    async findValid(tokenHash, nowIso) {
      const row = await db<SessionRow>('sessions')
        .where({ token_hash: tokenHash })
        .whereNull('revoked_at')
        .where('expires_at', '>', canonicalIso(nowIso))
        .first();
      return row ? { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at } : null;
    },
    async revoke(tokenHash, nowIso) {
      // The first revocation's time is the one kept.
      await db('sessions').where({ token_hash: tokenHash }).whereNull('revoked_at').update({ revoked_at: canonicalIso(nowIso) });
    },
    async revokeAllForUser(userId, nowIso) {
      return db('sessions').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: canonicalIso(nowIso) });
    },
    async validUsers(tokenHashes, nowIso) {
      const out = new Map<string, ReturnType<typeof userFromRow>>();
      for (let i = 0; i < tokenHashes.length; i += IN_CHUNK) {
        const rows = await db('sessions as s').join('users as u', 'u.id', 's.user_id')
          .select('s.token_hash', 'u.*')
          .whereIn('s.token_hash', tokenHashes.slice(i, i + IN_CHUNK))
          .whereNull('s.revoked_at').where('s.expires_at', '>', canonicalIso(nowIso));
        for (const r of rows as (UserRow & { token_hash: string })[]) out.set(r.token_hash, userFromRow(r));
      }
      return out;
    },
  };
}
