import type { Knex } from 'knex';
import type { AuditEntry } from '../contract';
import type { AuditRepo } from '../services/ports';
import type { Codec } from './codec';

interface AuditRow {
  id: number;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
}

export function createAuditRepo(db: Knex, codec: Codec): AuditRepo {
  return {
    async append(e) {
      await db('audit_log').insert({
        at: e.at, user_id: e.userId, action: e.action, entity: e.entity, entity_id: e.entityId,
        detail: codec.json(e.detail),
      });
    },
    /** Newest first. */
    async list(filter = {}) {
      const q = db<AuditRow>('audit_log').select('*').orderBy('id', 'desc');
      if (filter.entity !== undefined) q.where({ entity: filter.entity });
      if (filter.entityId !== undefined) q.where({ entity_id: filter.entityId });
      if (filter.action !== undefined) q.where({ action: filter.action });
      if (filter.limit !== undefined) q.limit(filter.limit);
      return (await q).map((r): AuditEntry => ({
        id: Number(r.id), at: r.at, userId: r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id,
        detail: codec.fromJson(r.detail),
      }));
    },
  };
}
