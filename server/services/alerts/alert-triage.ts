import type { User } from '../../contract';
import type { Alert, AlertBulkInput, AlertListQuery, AlertView } from '../../contract/requests';
import { severityRank } from '../../domain/alert-severity';
import { writeAudited } from '../audit';
import { AppError, notFound } from '../errors';
import type { Store } from '../ports';
import type { AlertRecord } from './ports';
import { assertCanWriteDistrict, canReadDistrict, listDistrict } from '../scope';

export type AlertChange = 'raised' | 'updated' | 'acknowledged' | 'assigned' | 'closed' | 'escalated';

interface TriageDeps {
  store: Store;
  now: () => Date;
  dto: (a: AlertRecord, at: Date) => Alert;
  tell: (alert: Alert, change: AlertChange) => void;
}

/** Staff side of alerts: list and filter, acknowledge, assign, close; every change audited and told. */
export function createAlertTriage({ store, now, dto, tell }: TriageDeps) {
  async function writable(tx: Store, actor: User, id: string, field = 'id'): Promise<AlertRecord> {
    const a = await tx.alerts.get(id);
    if (!a || !canReadDistrict(actor, a.districtId)) throw notFound('alert', id, field);
    assertCanWriteDistrict(actor, a.districtId, field);
    return a;
  }

  async function acknowledgeIn(tx: Store, actor: User, id: string, field: string): Promise<AlertRecord> {
    const a = await writable(tx, actor, id, field);
    if (a.state !== 'open') throw new AppError('CONFLICT', `${field}: alert "${id}" is ${a.state}, not open`, field);
    const at = now().toISOString();
    await tx.alerts.update(id, { state: 'acknowledged', ownerId: actor.id, acknowledgedAt: at });
    await tx.audit.append({ at, userId: actor.id, action: 'alert.ack', entity: 'alert', entityId: id, detail: null });
    return { ...a, state: 'acknowledged', ownerId: actor.id, acknowledgedAt: at };
  }

  async function assignIn(tx: Store, actor: User, id: string, ownerId: string, field: string): Promise<AlertRecord> {
    const a = await writable(tx, actor, id, field);
    if (a.state === 'closed') throw new AppError('CONFLICT', `${field}: alert "${id}" is closed`, field);
    const owner = await tx.users.get(ownerId);
    if (!owner || owner.role === 'driver' || !canReadDistrict(owner, a.districtId)) {
      throw new AppError('VALIDATION', `body.ownerId: "${ownerId}" is not a staff user who may handle alerts of district "${a.districtId}"`, 'body.ownerId');
    }
    const at = now().toISOString();
    await tx.alerts.update(id, { ownerId });
    await tx.audit.append({ at, userId: actor.id, action: 'alert.assign', entity: 'alert', entityId: id, detail: { ownerId } });
    return { ...a, ownerId };
  }

  return {
    /** Newest first, filtered by state, rule, severity, zone, district (within the caller's) and owner. */
    async list(actor: User, query: AlertListQuery): Promise<Alert[]> {
      const at = now();
      const { unseenEscalated, ...filter } = query;
      const rows = await store.alerts.list({
        ...filter, districtId: listDistrict(actor, query.districtId), ...(unseenEscalated ? { unseenEscalatedBy: actor.id } : {}),
      });
      return rows.map((a) => dto(a, at));
    },

    /** Who saw the alert (officials: of their district only). */
    async views(actor: User, id: string): Promise<AlertView[]> {
      const a = await store.alerts.get(id);
      if (!a || !canReadDistrict(actor, a.districtId)) throw notFound('alert', id, 'id');
      return store.alerts.views(id);
    },

    /** The caller has seen the alert (opened it, or read its escalation notice): goes into its history. */
    async recordView(actor: User, id: string): Promise<AlertView[]> {
      const a = await store.alerts.get(id);
      if (!a || !canReadDistrict(actor, a.districtId)) throw notFound('alert', id, 'id');
      await store.alerts.recordView(id, actor.id, now().toISOString());
      return store.alerts.views(id);
    },

    async acknowledge(actor: User, id: string): Promise<Alert> {
      const done = await store.transaction((tx) => acknowledgeIn(tx, actor, id, 'id'));
      const alert = dto(done, now());
      tell(alert, 'acknowledged');
      return alert;
    },

    /** All or nothing: one refused alert leaves every one of them as it was. */
    async bulk(actor: User, input: AlertBulkInput): Promise<Alert[]> {
      if (input.action === 'assign' && !input.ownerId) throw new AppError('VALIDATION', 'body.ownerId: say who owns the alerts', 'body.ownerId');
      const done = await store.transaction(async (tx) => {
        const out: AlertRecord[] = [];
        for (const [i, id] of [...new Set(input.ids)].entries()) {
          const field = `body.ids.${i}`;
          out.push(input.action === 'acknowledge' ? await acknowledgeIn(tx, actor, id, field) : await assignIn(tx, actor, id, input.ownerId!, field));
        }
        return out;
      });
      const at = now();
      const alerts = done.map((a) => dto(a, at));
      for (const a of alerts) tell(a, input.action === 'acknowledge' ? 'acknowledged' : 'assigned');
      return alerts.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    },

    async close(actor: User, id: string, note: string): Promise<Alert> {
      if (!note.trim()) throw new AppError('VALIDATION', 'body.note: say why the alert is closed', 'body.note');
      const done = await writeAudited(store, actor, now, async (tx) => {
        const a = await writable(tx, actor, id);
        if (a.state === 'closed') throw new AppError('CONFLICT', `alert "${id}" is already closed`);
        const at = now().toISOString();
        const patch = { state: 'closed' as const, closedAt: at, closedBy: actor.id, closeNote: note.trim(), ownerId: a.ownerId ?? actor.id };
        await tx.alerts.update(id, patch);
        return { result: { ...a, ...patch }, audit: { action: 'alert.close', entity: 'alert', entityId: id, detail: { note: patch.closeNote } } };
      });
      const alert = dto(done, now());
      tell(alert, 'closed');
      return alert;
    },
  };
}
