import type { Knex } from 'knex';
import type { ChecklistRecord, PlaybookRepo, TemplateRecord } from '../services/playbook/ports';
import type { StoredStep } from '../domain/playbook';
import { canonicalIso, type Codec } from './codec';

interface TemplateRow { city: string; start_tiers: unknown; steps: unknown; updated_at: string; updated_by: string }
interface ChecklistRow { id: string; zone_id: string; district_id: string; city: string; tier: string; started_at: string; steps: unknown }

export function createPlaybookRepo(db: Knex, codec: Codec): PlaybookRepo {
  const template = (r: TemplateRow): TemplateRecord => ({
    city: r.city, startTiers: codec.fromJson(r.start_tiers) as string[], steps: codec.fromJson(r.steps) as TemplateRecord['steps'],
    updatedAt: r.updated_at, updatedBy: r.updated_by,
  });
  const checklist = (r: ChecklistRow): ChecklistRecord => ({
    id: r.id, zoneId: r.zone_id, districtId: r.district_id, city: r.city, tier: r.tier, startedAt: r.started_at,
    steps: codec.fromJson(r.steps) as StoredStep[],
  });
  // The newest checklist per zone: no other checklist of the same zone started later.
  const current = () => db<ChecklistRow>('zone_checklists as c').select('c.*').whereNotExists(
    db('zone_checklists as n').whereRaw('n.zone_id = c.zone_id and n.started_at > c.started_at'),
  );
  return {
    async getTemplate(city) {
      const row = await db<TemplateRow>('playbook_templates').where({ city }).first();
      return row ? template(row) : null;
    },
    async putTemplate(t) {
      const row = { city: t.city, start_tiers: codec.json(t.startTiers), steps: codec.json(t.steps), updated_at: canonicalIso(t.updatedAt), updated_by: t.updatedBy };
      await db('playbook_templates').insert(row).onConflict('city').merge();
    },
    async listTemplates() {
      return (await db<TemplateRow>('playbook_templates').select('*').orderBy('city')).map(template);
    },
    async insertChecklist(c) {
      await db('zone_checklists').insert({
        id: c.id, zone_id: c.zoneId, district_id: c.districtId, city: c.city, tier: c.tier, started_at: canonicalIso(c.startedAt), steps: codec.json(c.steps),
      });
    },
    async currentChecklist(zoneId) {
      const row = await current().where('c.zone_id', zoneId).first();
      return row ? checklist(row as ChecklistRow) : null;
    },
    async currentChecklists(filter = {}) {
      const q = current().orderBy('c.zone_id');
      if (filter.districtId) q.where('c.district_id', filter.districtId);
      return ((await q) as ChecklistRow[]).map(checklist);
    },
    async lockChecklist(id) {
      const q = db<ChecklistRow>('zone_checklists').where({ id });
      // SQLite transactions here take the write lock up front (sqlite-immediate), so rows need no lock.
      const row = await (codec.kind === 'postgres' ? q.forUpdate() : q).first();
      return row ? checklist(row) : null;
    },
    async setSteps(id, steps) {
      await db('zone_checklists').where({ id }).update({ steps: codec.json(steps) });
    },
    async firstDeliveryAt(zoneId, sinceIso) {
      const row = await db('deliveries as d').join('stop_events as e', 'e.id', 'd.stop_event_id')
        .where('d.zone_id', zoneId).where('e.at', '>=', canonicalIso(sinceIso)).min({ at: 'e.at' }).first() as { at: string | null } | undefined;
      return row?.at ?? null;
    },
  };
}
