import { describe, expect, it } from 'vitest';
import { playbookOverdue } from './alerts';
import { DEFAULT_PLAYBOOK, autoComplete, checklistView, firstPlanWithinH, instantiate, startsChecklist, templateProblems } from './playbook';

const T0 = '2021-05-31T16:00:00.000Z';
const H = 3600_000;

describe('playbook templates', () => {
  it('the defaults are valid and state the first-plan limit', () => {
    expect(templateProblems(DEFAULT_PLAYBOOK, ['sealed', 'controlled', 'precaution'])).toEqual([]);
    expect(firstPlanWithinH(DEFAULT_PLAYBOOK.steps)).toBe(6);
    expect(firstPlanWithinH(DEFAULT_PLAYBOOK.steps.filter((s) => s.auto !== 'plan_published'))).toBeNull();
  });

  it('names duplicate ids, a fact used twice and unknown tiers by path', () => {
    const step = DEFAULT_PLAYBOOK.steps[2]!;
    const problems = templateProblems({ startTiers: ['sealed', 'lockdown'], steps: [step, { ...step }, { ...step, id: 'x' }] }, ['sealed']);
    expect(problems.map((p) => p.path)).toEqual(['startTiers.1', 'steps.1.id', 'steps.1.auto', 'steps.2.auto']);
  });
});

describe('checklists', () => {
  it('start when an active zone enters a start tier, not when it stays in one or is lifted', () => {
    const tiers = ['sealed', 'controlled'];
    expect(startsChecklist(null, { tier: 'sealed', status: 'active' }, tiers)).toBe(true);
    expect(startsChecklist(null, { tier: 'precaution', status: 'active' }, tiers)).toBe(false);
    expect(startsChecklist({ tier: 'precaution', status: 'active' }, { tier: 'controlled', status: 'active' }, tiers)).toBe(true);
    expect(startsChecklist({ tier: 'controlled', status: 'active' }, { tier: 'sealed', status: 'active' }, tiers)).toBe(false);
    expect(startsChecklist({ tier: 'sealed', status: 'lifted' }, { tier: 'sealed', status: 'active' }, tiers)).toBe(true);
    expect(startsChecklist({ tier: 'precaution', status: 'active' }, { tier: 'sealed', status: 'lifted' }, tiers)).toBe(false);
  });

  it('deadlines are absolute, counted from sealing; overdue only when not done and past due', () => {
    const steps = instantiate(DEFAULT_PLAYBOOK.steps, T0);
    expect(steps[0]!.dueAt).toBe('2021-05-31T18:00:00.000Z');
    expect(steps.find((s) => s.id === 'first_plan')!.dueAt).toBe('2021-05-31T22:00:00.000Z');
    const base = { id: 'c', zoneId: 'z', districtId: 'd', city: '广州', tier: 'sealed', startedAt: T0 };
    expect(checklistView({ ...base, steps }, Date.parse(T0) + 2 * H).overdue).toBe(0);
    const later = checklistView({ ...base, steps }, Date.parse(T0) + 2 * H + 1);
    expect(later.steps.filter((s) => s.overdue).map((s) => s.id)).toEqual(['confirm_population', 'supply_contact']);
    const ticked = steps.map((s, i) => (i === 0 ? { ...s, doneAt: T0, doneBy: 'u1' } : s));
    expect(checklistView({ ...base, steps: ticked }, Date.parse(T0) + 3 * H)).toMatchObject({ done: 1, total: 7, overdue: 1 });
  });

  it('facts tick their own steps with the fact time and never undo a step', () => {
    const steps = instantiate(DEFAULT_PLAYBOOK.steps, T0);
    expect(autoComplete(steps, {})).toBeNull();
    const next = autoComplete(steps, { plan_published: '2021-05-31T20:00:00.000Z', delivery_recorded: null })!;
    expect(next.find((s) => s.id === 'first_plan')).toMatchObject({ doneAt: '2021-05-31T20:00:00.000Z', autoDone: true, doneBy: null });
    expect(next.find((s) => s.id === 'first_delivery')!.doneAt).toBeNull();
    expect(autoComplete(next, { plan_published: '2021-06-01T00:00:00.000Z' })).toBeNull();
  });
});

describe('playbook_overdue alert rule', () => {
  const step = { zoneId: 'z1', checklistId: 'c1', stepId: 'supply_contact', titleZh: '明确联络人', titleEn: 'Name the contact', dueAt: '2021-05-31T18:00:00.000Z', doneAt: null };
  const due = Date.parse(step.dueAt);

  it('fires at the grace time past the deadline, not below, and not for done steps', () => {
    const t = { playbookGraceS: 1800 };
    expect(playbookOverdue([step], due + 1800_000 - 1, t)).toEqual([]);
    const [c] = playbookOverdue([step], due + 1800_000, t, new Map([['z1', '逢源街小区']]));
    expect(c).toMatchObject({ zoneId: 'z1', rule: 'playbook_overdue', key: 'playbook_overdue:c1:supply_contact' });
    expect(c!.reasonZh).toBe('逢源街小区的响应步骤「明确联络人」已超时0.5小时');
    expect(playbookOverdue([{ ...step, doneAt: step.dueAt }], due + 10 * H, t)).toEqual([]);
  });

  it('one alert per checklist listing its overdue steps; a step falling overdue later makes a new key', () => {
    const t = { playbookGraceS: 0 };
    const later = { ...step, stepId: 'handoff_points', titleZh: '设置交接点', titleEn: 'Set handoff points', dueAt: new Date(due + 2 * H).toISOString() };
    const notYet = { ...step, stepId: 'first_delivery', titleZh: '首次配送', titleEn: 'First delivery', dueAt: new Date(due + 10 * H).toISOString() };
    const other = { ...step, zoneId: 'z2', checklistId: 'c2' };
    const out = playbookOverdue([later, step, notYet, other], due + 3 * H, t, new Map([['z1', '逢源街小区']]));
    expect(out.map((c) => [c.zoneId, c.key])).toEqual([['z1', 'playbook_overdue:c1:handoff_points'], ['z2', 'playbook_overdue:c2:supply_contact']]);
    expect(out[0]!.reasonZh).toBe('逢源街小区有2项响应步骤超时：「明确联络人」「设置交接点」，最久已超时3.0小时');
    expect(out[0]!.reasonEn).toBe('逢源街小区: 2 playbook steps overdue ("Name the contact", "Set handoff points"), the oldest by 3.0 h');
    // Before the second step's deadline the same checklist had a key of its own, so it is raised again then.
    expect(playbookOverdue([later, step], due + 1 * H, t).map((c) => c.key)).toEqual(['playbook_overdue:c1:supply_contact']);
  });

  it('with no grace fires just after the deadline, never at it', () => {
    expect(playbookOverdue([step], due, { playbookGraceS: 0 })).toEqual([]);
    expect(playbookOverdue([step], due + 1, { playbookGraceS: 0 })).toHaveLength(1);
  });
});
