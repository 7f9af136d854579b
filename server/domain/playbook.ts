import type { ChecklistStep, PlaybookStep, PlaybookTemplateInput, ZoneChecklist } from '../contract/playbook';

// The response playbook (响应流程): pure rules for templates and checklists. Instants are passed in.

/**
 * Defaults from Guangdong's 2021 practice (广州荔湾/佛山: 封控后即核实人口与特殊群体、明确保供联络人、
 * 设置交接点、发布诉求渠道、首批物资尽快送达). Deadlines are hours after the zone was sealed.
 */
export const DEFAULT_PLAYBOOK: PlaybookTemplateInput = {
  startTiers: ['sealed', 'controlled'],
  steps: [
    { id: 'confirm_population', titleZh: '核实人口及特殊群体（独居老人、婴幼儿、慢病患者）', titleEn: 'Confirm population and special groups (elderly alone, infants, chronic patients)', dueAfterH: 2, auto: null },
    { id: 'supply_contact', titleZh: '明确小区保供联络人', titleEn: "Name the zone's supply contact", dueAfterH: 2, auto: null },
    { id: 'handoff_points', titleZh: '设置物资交接点', titleEn: 'Set handoff points', dueAfterH: 4, auto: 'handoff_point' },
    { id: 'publish_request_link', titleZh: '公布诉求登记链接/二维码', titleEn: 'Publish the request link / QR code', dueAfterH: 4, auto: null },
    { id: 'first_plan', titleZh: '发布首个配送方案', titleEn: 'Publish the first delivery plan', dueAfterH: 6, auto: 'plan_published' },
    { id: 'first_delivery', titleZh: '首批生活物资送达', titleEn: 'First delivery of daily supplies', dueAfterH: 12, auto: 'delivery_recorded' },
    { id: 'special_groups_visit', titleZh: '逐户联系特殊群体并登记需求', titleEn: 'Contact every special-needs household and record needs', dueAfterH: 24, auto: null },
  ],
};

export interface TemplateProblem {
  path: string;
  message: string;
}

/** What a schema cannot say about a template: unique ids, known tiers, one step per fact. */
export function templateProblems(t: PlaybookTemplateInput, knownTiers: readonly string[]): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  t.startTiers.forEach((tier, i) => {
    if (!knownTiers.includes(tier)) out.push({ path: `startTiers.${i}`, message: `unknown tier "${tier}" (known: ${knownTiers.join(', ')})` });
  });
  const ids = new Set<string>();
  const autos = new Set<string>();
  t.steps.forEach((s, i) => {
    if (ids.has(s.id)) out.push({ path: `steps.${i}.id`, message: `step id "${s.id}" is used twice` });
    ids.add(s.id);
    if (s.auto && autos.has(s.auto)) out.push({ path: `steps.${i}.auto`, message: `only one step may be completed by "${s.auto}"` });
    if (s.auto) autos.add(s.auto);
  });
  return out;
}

/** The limit for the first published plan, as the template states it. */
export function firstPlanWithinH(steps: readonly PlaybookStep[]): number | null {
  return steps.find((s) => s.auto === 'plan_published')?.dueAfterH ?? null;
}

/** A checklist starts when a zone enters a start tier (or is created in one), while active. */
export function startsChecklist(
  before: { tier: string; status: string } | null, after: { tier: string; status: string }, startTiers: readonly string[],
): boolean {
  if (after.status !== 'active' || !startTiers.includes(after.tier)) return false;
  return !before || before.status !== 'active' || !startTiers.includes(before.tier);
}

export interface StoredStep extends PlaybookStep {
  dueAt: string;
  doneAt: string | null;
  doneBy: string | null;
  autoDone: boolean;
  note: string | null;
}

/** The steps with absolute deadlines, for a zone sealed at `startedAt`. */
export function instantiate(steps: readonly PlaybookStep[], startedAt: string): StoredStep[] {
  const t0 = Date.parse(startedAt);
  return steps.map((s) => ({
    ...s, dueAt: new Date(t0 + s.dueAfterH * 3600_000).toISOString(), doneAt: null, doneBy: null, autoDone: false, note: null,
  }));
}

export const isOverdue = (s: StoredStep, nowMs: number): boolean => s.doneAt === null && Date.parse(s.dueAt) < nowMs;

/** The checklist as read at `nowMs`: counts and overdue flags. */
export function checklistView(
  c: Omit<ZoneChecklist, 'steps' | 'done' | 'total' | 'overdue'> & { steps: readonly StoredStep[] }, nowMs: number,
): ZoneChecklist {
  const steps: ChecklistStep[] = c.steps.map((s) => ({ ...s, overdue: isOverdue(s, nowMs) }));
  return {
    ...c, steps, done: steps.filter((s) => s.doneAt !== null).length, total: steps.length, overdue: steps.filter((s) => s.overdue).length,
  };
}

/** Facts about a zone since its checklist started: the instant each was first true (null: not yet). */
export type ZoneFacts = Partial<Record<NonNullable<PlaybookStep['auto']>, string | null>>;

/** Completes the steps whose fact holds; returns the new steps, or null when nothing changed. */
export function autoComplete(steps: readonly StoredStep[], facts: ZoneFacts): StoredStep[] | null {
  let changed = false;
  const next = steps.map((s) => {
    const at = s.auto ? facts[s.auto] : null;
    if (s.doneAt !== null || !at) return s;
    changed = true;
    return { ...s, doneAt: at, doneBy: null, autoDone: true };
  });
  return changed ? next : null;
}
