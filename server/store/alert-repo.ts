import type { Knex } from 'knex';
import type { AlertRecord, AlertRepo } from '../services/alerts/ports';
import { DuplicateError } from '../services/errors';
import { canonicalIso } from './codec';
import { isUniqueViolation } from './errors';

interface AlertRow {
  id: string;
  key: string;
  zone_id: string;
  district_id: string;
  rule: AlertRecord['rule'];
  commodity_id: string | null;
  severity: AlertRecord['severity'];
  reason_zh: string;
  reason_en: string;
  state: AlertRecord['state'];
  owner_id: string | null;
  raised_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  escalated_at?: string | null;
}

const iso = (v: string | null | undefined) => (v ? canonicalIso(v) : v);

const fromRow = (r: AlertRow): AlertRecord => ({
  id: r.id, key: r.key, zoneId: r.zone_id, districtId: r.district_id, rule: r.rule, commodityId: r.commodity_id, severity: r.severity, reasonZh: r.reason_zh, reasonEn: r.reason_en,
  state: r.state, ownerId: r.owner_id, raisedAt: r.raised_at, acknowledgedAt: r.acknowledged_at, closedAt: r.closed_at,
  closedBy: r.closed_by, closeNote: r.close_note, escalatedAt: r.escalated_at ?? null,
});

export function createAlertRepo(db: Knex): AlertRepo {
  return {
    async insert(a) {
      try {
        await db('alerts').insert({
          id: a.id, key: a.key, zone_id: a.zoneId, district_id: a.districtId, rule: a.rule, commodity_id: a.commodityId, severity: a.severity, reason_zh: a.reasonZh, reason_en: a.reasonEn,
          state: a.state, owner_id: a.ownerId, raised_at: canonicalIso(a.raisedAt), acknowledged_at: iso(a.acknowledgedAt),
          closed_at: iso(a.closedAt), closed_by: a.closedBy, close_note: a.closeNote, escalated_at: iso(a.escalatedAt) ?? null,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`an alert with id "${a.id}" or an open alert with key "${a.key}" is already stored`, err);
        throw err;
      }
    },
    async get(id) {
      const row = await db<AlertRow>('alerts').where({ id }).first();
      return row ? fromRow(row) : null;
    },
    async list(filter = {}) {
      const q = db<AlertRow>('alerts').select('*').orderBy([{ column: 'raised_at', order: 'desc' }, { column: 'id' }]);
      if (filter.state) q.where({ state: filter.state });
      if (filter.rule) q.where({ rule: filter.rule });
      if (filter.severity) q.where({ severity: filter.severity });
      if (filter.ownerId) q.where({ owner_id: filter.ownerId });
      if (filter.zoneId) q.where({ zone_id: filter.zoneId });
      if (filter.districtId) q.where({ district_id: filter.districtId });
      if (filter.unseenEscalatedBy) {
        const userId = filter.unseenEscalatedBy;
        q.whereNotNull('escalated_at').whereNotExists(function seen() {
          this.select('alert_id').from('alert_views').whereRaw('alert_views.alert_id = alerts.id').andWhere('alert_views.user_id', userId);
        });
      }
      return (await q).map(fromRow);
    },
    async latestByKey(key) {
      const row = await db<AlertRow>('alerts').where({ key }).orderBy('raised_at', 'desc').first();
      return row ? fromRow(row) : null;
    },
    async update(id, p) {
      const row: Partial<AlertRow> = {};
      if (p.state !== undefined) row.state = p.state;
      if (p.ownerId !== undefined) row.owner_id = p.ownerId;
      if (p.acknowledgedAt !== undefined) row.acknowledged_at = iso(p.acknowledgedAt);
      if (p.closedAt !== undefined) row.closed_at = iso(p.closedAt);
      if (p.closedBy !== undefined) row.closed_by = p.closedBy;
      if (p.closeNote !== undefined) row.close_note = p.closeNote;
      if (p.severity !== undefined) row.severity = p.severity;
      if (p.reasonZh !== undefined) row.reason_zh = p.reasonZh;
      if (p.reasonEn !== undefined) row.reason_en = p.reasonEn;
      if (p.escalatedAt !== undefined) row.escalated_at = iso(p.escalatedAt);
      await db('alerts').where({ id }).update(row);
    },
    async recordView(alertId, userId, at) {
      await db('alert_views').insert({ alert_id: alertId, user_id: userId, seen_at: canonicalIso(at) }).onConflict(['alert_id', 'user_id']).ignore();
    },
    async views(alertId) {
      const rows = await db('alert_views').join('users', 'users.id', 'alert_views.user_id').where('alert_views.alert_id', alertId)
        .select<Array<{ user_id: string; username: string; display_name: string; seen_at: string }>>('alert_views.user_id', 'users.username', 'users.display_name', 'alert_views.seen_at')
        .orderBy([{ column: 'alert_views.seen_at' }, { column: 'users.username' }]);
      return rows.map((r) => ({ alertId, userId: r.user_id, username: r.username, displayName: r.display_name, seenAt: canonicalIso(r.seen_at) }));
    },
  };
}
