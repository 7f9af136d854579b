import type { District, PlaybookStep, PlaybookTemplate, User } from '../../../server/contract';
import { request } from '../api';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { getLang, t } from '../i18n';
import { latestOnly } from '../latest';

/**
 * A city's playbook: each step's title and deadline (hours after sealing). Coordinators edit and
 * save it (new sealings use it; started checklists keep theirs); officials read their city's.
 */
export function templateEditor(user: User, districts: readonly District[], message: MessageBox): HTMLElement {
  const el = h('section', { class: 'template-editor', 'data-testid': 'playbook-template' });
  const cities = [...new Set(districts.filter((d) => user.role === 'coordinator' || d.id === user.districtId).map((d) => d.city))];
  const editable = user.role === 'coordinator';
  let city = cities[0] ?? '';

  function render(tpl: PlaybookTemplate): void {
    const steps: PlaybookStep[] = tpl.steps.map((s) => ({ ...s }));
    const citySelect = h('select', { 'data-testid': 'template-city', onchange: (e: Event) => { city = (e.target as HTMLSelectElement).value; void load(); } },
      cities.map((c) => h('option', { value: c, selected: c === city }, c)));
    const rows = steps.map((s) => h('tr', { 'data-testid': 'template-step', 'data-step-id': s.id },
      h('td', null, getLang() === 'en' ? s.titleEn : s.titleZh, s.auto ? h('span', { class: 'muted' }, ` (${t('playbook.auto')})`) : null),
      h('td', null, editable
        ? h('input', { type: 'number', min: 0.5, max: 336, step: 0.5, value: s.dueAfterH, 'data-testid': 'template-hours', onchange: (e: Event) => { s.dueAfterH = Number((e.target as HTMLInputElement).value); } })
        : String(s.dueAfterH))));
    const save = editable ? h('button', {
      type: 'button', 'data-testid': 'template-save',
      onclick: () => show(() => request('PUT /api/playbooks/:city', { params: { city }, body: { startTiers: tpl.startTiers, steps } }), () => message.info(t('playbook.saved'))),
    }, t('common.save')) : null;
    replaceChildren(el,
      h('div', { class: 'ops-toolbar' }, h('strong', null, t('playbook.template')), citySelect,
        tpl.firstPlanWithinH !== null ? h('span', { 'data-testid': 'first-plan-limit' }, t('playbook.firstPlan', { h: tpl.firstPlanWithinH })) : null, save),
      h('table', { class: 'ops-table' }, h('thead', null, h('tr', null, h('th', null, t('playbook.step')), h('th', null, t('playbook.hours')))), h('tbody', null, rows)));
  }

  // Only the latest read or save is shown: a slow read of the template answered after a save must
  // not put the old deadlines back on screen. data-loading is set while one is on its way.
  const shown = latestOnly({ loading: el });
  async function show(fetch: () => Promise<PlaybookTemplate>, done?: () => void): Promise<void> {
    await shown.run(fetch, (tpl) => { render(tpl); done?.(); }, (err) => message.error(err));
  }

  async function load(): Promise<void> {
    if (city) await show(() => request('GET /api/playbooks/:city', { params: { city } }));
  }

  void load();
  return el;
}
