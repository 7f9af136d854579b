import { randomUUID } from 'node:crypto';
import type { User, Zone } from '../../contract';
import type { PlaybookTemplate, PlaybookTemplateInput, ZoneChecklist, ZoneProgress } from '../../contract/playbook';
import { playbookOverdue, type AlertCandidate } from '../../domain/alerts';
import {
  DEFAULT_PLAYBOOK, autoComplete, checklistView, firstPlanWithinH, instantiate, startsChecklist, templateProblems, type ZoneFacts,
} from '../../domain/playbook';
import type { TierRule } from '../../domain/tiers';
import { writeAudited } from '../audit';
import { AppError, forbidden, notFound } from '../errors';
import type { ChecklistRecord } from './ports';
import type { Store } from '../ports';
import { canReadDistrict, listDistrict } from '../scope';

export interface PlaybookServiceDeps {
  store: Store;
  now: () => Date;
  tierRules: readonly TierRule[];
  graceS: number;
}

/** Templates per city, a checklist per sealed zone, facts that tick steps, and overdue steps as alert candidates. */
export function createPlaybookService({ store, now, tierRules, graceS }: PlaybookServiceDeps) {
  async function templateOf(tx: Store, city: string): Promise<PlaybookTemplate> {
    const t = await tx.playbook.getTemplate(city);
    const input = t ?? DEFAULT_PLAYBOOK;
    return {
      city, startTiers: [...input.startTiers], steps: input.steps.map((s) => ({ ...s })), firstPlanWithinH: firstPlanWithinH(input.steps),
      isDefault: !t, updatedAt: t?.updatedAt ?? null, updatedBy: t?.updatedBy ?? null,
    };
  }

  async function cityOf(tx: Store, districtId: string): Promise<string> {
    return (await tx.districts.get(districtId))?.city ?? '';
  }

  async function start(tx: Store, zone: Zone, startedAt: string): Promise<ChecklistRecord> {
    const city = await cityOf(tx, zone.districtId);
    const template = await templateOf(tx, city);
    const record: ChecklistRecord = {
      id: randomUUID(), zoneId: zone.id, districtId: zone.districtId, city, tier: zone.tier, startedAt, steps: instantiate(template.steps, startedAt),
    };
    await tx.playbook.insertChecklist(record);
    await tx.audit.append({ at: now().toISOString(), userId: null, action: 'checklist.start', entity: 'zone', entityId: zone.id, detail: { checklistId: record.id, startedAt } });
    return record;
  }

  /** Facts for each checklist that still has an automatic step open. */
  async function facts(checklists: readonly ChecklistRecord[], at: Date): Promise<Map<string, ZoneFacts>> {
    const out = new Map<string, ZoneFacts>();
    const open = checklists.filter((c) => c.steps.some((s) => s.auto && !s.doneAt));
    if (!open.length) return out;
    const published = (await store.plans.list({ status: 'published' })).filter((p) => p.publishedAt).sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!));
    const zonesOfPlan = new Map<string, Set<string>>();
    const planZones = async (id: string) => {
      if (!zonesOfPlan.has(id)) zonesOfPlan.set(id, new Set((await store.plans.get(id))?.result?.zones.map((z) => z.zoneId) ?? []));
      return zonesOfPlan.get(id)!;
    };
    for (const c of open) {
      const f: ZoneFacts = {};
      const needs = new Set(c.steps.filter((s) => s.auto && !s.doneAt).map((s) => s.auto!));
      if (needs.has('handoff_point') && (await store.handoffPoints.list({ zoneId: c.zoneId })).length > 0) f.handoff_point = at.toISOString();
      if (needs.has('plan_published')) {
        for (const p of published) {
          if (p.publishedAt! < c.startedAt || (p.districtId && p.districtId !== c.districtId)) continue;
          if ((await planZones(p.id)).has(c.zoneId)) { f.plan_published = p.publishedAt; break; }
        }
      }
      if (needs.has('delivery_recorded')) f.delivery_recorded = await store.playbook.firstDeliveryAt(c.zoneId, c.startedAt);
      out.set(c.id, f);
    }
    return out;
  }

  /**
   * Ticks steps whose fact now holds and, when `startMissing`, starts checklists for sealed zones that
   * have none (zones seeded or written before this feature; they start from their sealing time).
   * Only staff reads start them, never the background alert timer, which would otherwise write into
   * a database nobody asked about. Idempotent; returns the current checklists of active zones.
   */
  async function sync(at: Date, districtId: string | undefined, startMissing: boolean): Promise<{ zones: Map<string, Zone>; checklists: ChecklistRecord[] }> {
    const zones = new Map((await store.zones.list({ districtId, status: 'active' })).map((z) => [z.id, z]));
    const byZone = new Map((await store.playbook.currentChecklists({ districtId })).map((c) => [c.zoneId, c]));
    const cities = new Map<string, PlaybookTemplate>();
    for (const zone of zones.values()) {
      if (!startMissing || byZone.has(zone.id)) continue;
      const city = await cityOf(store, zone.districtId);
      if (!cities.has(city)) cities.set(city, await templateOf(store, city));
      if (!cities.get(city)!.startTiers.includes(zone.tier)) continue;
      const record = await store.transaction((tx) => start(tx, zone, zone.sealedAt ?? at.toISOString())).catch(async (err: unknown) => {
        // Another caller started it first (unique zone + start): read theirs.
        const theirs = await store.playbook.currentChecklist(zone.id);
        if (!theirs) throw err;
        return theirs;
      });
      byZone.set(zone.id, record);
    }
    const checklists = [...byZone.values()].filter((c) => zones.has(c.zoneId));
    const known = await facts(checklists, at);
    for (const [i, c] of checklists.entries()) {
      if (!autoComplete(c.steps, known.get(c.id) ?? {})) continue;
      // Re-read under a lock: a person may have ticked a step since the read above.
      checklists[i] = await store.transaction(async (tx) => {
        const fresh = (await tx.playbook.lockChecklist(c.id)) ?? c;
        const next = autoComplete(fresh.steps, known.get(c.id) ?? {});
        if (!next) return fresh;
        await tx.playbook.setSteps(c.id, next);
        const ticked = next.filter((s, j) => s.doneAt && !fresh.steps[j]!.doneAt).map((s) => s.id);
        await tx.audit.append({ at: at.toISOString(), userId: null, action: 'checklist.auto', entity: 'zone', entityId: c.zoneId, detail: { checklistId: c.id, steps: ticked } });
        return { ...fresh, steps: next };
      });
    }
    return { zones, checklists };
  }

  const view = (c: ChecklistRecord, at: Date): ZoneChecklist => checklistView(c, at.getTime());

  async function readableZone(actor: User, zoneId: string): Promise<Zone> {
    const zone = await store.zones.get(zoneId);
    if (!zone || !canReadDistrict(actor, zone.districtId)) throw notFound('zone', zoneId);
    return zone;
  }

  async function assertCityReadable(actor: User, city: string): Promise<void> {
    const districts = (await store.districts.list()).filter((d) => d.city === city);
    if (!districts.length) throw notFound('city', city);
    if (actor.role !== 'coordinator' && !districts.some((d) => d.id === actor.districtId)) {
      throw forbidden(`you may only read the playbook of your own city`);
    }
  }

  return {
    async template(actor: User, city: string): Promise<PlaybookTemplate> {
      await assertCityReadable(actor, city);
      return templateOf(store, city);
    },

    async putTemplate(actor: User, city: string, input: PlaybookTemplateInput): Promise<PlaybookTemplate> {
      await assertCityReadable(actor, city);
      if (actor.role !== 'coordinator') throw forbidden('only coordinators may edit a playbook');
      const problem = templateProblems(input, tierRules.map((r) => r.tier))[0];
      if (problem) throw new AppError('VALIDATION', `body.${problem.path}: ${problem.message}`, `body.${problem.path}`);
      return writeAudited(store, actor, now, async (tx) => {
        await tx.playbook.putTemplate({ city, startTiers: input.startTiers, steps: input.steps, updatedAt: now().toISOString(), updatedBy: actor.id });
        return { result: await templateOf(tx, city), audit: { action: 'playbook.update', entity: 'playbook', entityId: city, detail: input } };
      });
    },

    /**
     * Called inside the zone service's write: a zone that enters a start tier gets a checklist from
     * this instant (a new zone from its sealing time).
     */
    async onZoneWritten(tx: Store, before: Zone | null, zone: Zone): Promise<void> {
      const template = await templateOf(tx, await cityOf(tx, zone.districtId));
      if (!startsChecklist(before, zone, template.startTiers)) return;
      await start(tx, zone, before ? now().toISOString() : zone.sealedAt ?? now().toISOString());
    },

    async progress(actor: User, districtId?: string): Promise<ZoneProgress[]> {
      const at = now();
      const { zones, checklists } = await sync(at, listDistrict(actor, districtId), true);
      return checklists.map((c) => {
        const v = view(c, at);
        const zone = zones.get(c.zoneId)!;
        const open = v.steps.filter((s) => !s.doneAt).map((s) => s.dueAt).sort();
        return {
          zoneId: c.zoneId, zoneName: zone.name, zoneNameEn: zone.nameEn, districtId: c.districtId, checklistId: c.id, startedAt: c.startedAt,
          done: v.done, total: v.total, overdue: v.overdue, nextDueAt: open[0] ?? null,
        };
      });
    },

    async checklist(actor: User, zoneId: string): Promise<ZoneChecklist> {
      const zone = await readableZone(actor, zoneId);
      const at = now();
      const { checklists } = await sync(at, zone.districtId, true);
      const c = checklists.find((x) => x.zoneId === zoneId) ?? (await store.playbook.currentChecklist(zoneId));
      if (!c) throw notFound('checklist of zone', zoneId);
      return view(c, at);
    },

    async markDone(actor: User, zoneId: string, stepId: string, note: string | undefined): Promise<ZoneChecklist> {
      const zone = await readableZone(actor, zoneId);
      const done = await writeAudited(store, actor, now, async (tx) => {
        const current = await tx.playbook.currentChecklist(zone.id);
        const c = current && (await tx.playbook.lockChecklist(current.id));
        if (!c) throw notFound('checklist of zone', zoneId);
        const i = c.steps.findIndex((s) => s.id === stepId);
        if (i < 0) throw notFound('step', stepId, 'stepId');
        if (c.steps[i]!.doneAt) throw new AppError('CONFLICT', `step "${stepId}" is already done`);
        const steps = c.steps.map((s, j) => (j === i ? { ...s, doneAt: now().toISOString(), doneBy: actor.id, autoDone: false, note: note?.trim() || null } : s));
        await tx.playbook.setSteps(c.id, steps);
        return { result: { ...c, steps }, audit: { action: 'checklist.done', entity: 'zone', entityId: zoneId, detail: { checklistId: c.id, stepId, note: note ?? null } } };
      });
      return view(done, now());
    },

    /** An alert source: syncs, then names every step overdue past the grace time. */
    async overdueCandidates(at: Date): Promise<AlertCandidate[]> {
      const { zones, checklists } = await sync(at, undefined, false);
      const names = new Map([...zones.values()].map((z) => [z.id, z.name] as const));
      const steps = checklists.flatMap((c) => c.steps.map((s) => ({ zoneId: c.zoneId, checklistId: c.id, stepId: s.id, titleZh: s.titleZh, titleEn: s.titleEn, dueAt: s.dueAt, doneAt: s.doneAt })));
      return playbookOverdue(steps, at.getTime(), { playbookGraceS: graceS }, names);
    },
  };
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;
