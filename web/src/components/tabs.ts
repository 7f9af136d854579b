import { h, replaceChildren } from '../dom';
import { readState, writeState } from '../page-state';

export interface Tab {
  id: string;
  label: string;
  render(): HTMLElement;
}

/** Tabs over one panel body; `show(id)` switches from code (e.g. selecting a zone on the map). */
export function tabs(list: readonly Tab[], initial: string): { el: HTMLElement; show(id: string): void; current(): string } {
  const body = h('div', { class: 'tab-body' });
  const buttons = new Map<string, HTMLButtonElement>();
  // The URL's ?tab= wins over the caller's default: a language switch or reload keeps the tab.
  const asked = readState('tab');
  if (asked && list.some((x) => x.id === asked)) initial = asked;
  let active = initial;
  const bar = h('div', { class: 'tab-bar', role: 'tablist' }, list.map((tab) => {
    const button = h('button', { type: 'button', role: 'tab', 'data-testid': `tab-${tab.id}`, onclick: () => show(tab.id) }, tab.label);
    buttons.set(tab.id, button);
    return button;
  }));
  function show(id: string): void {
    const tab = list.find((x) => x.id === id) ?? list[0]!;
    active = tab.id;
    writeState('tab', tab.id === list[0]!.id ? null : tab.id);
    for (const [tid, button] of buttons) button.setAttribute('aria-selected', String(tid === tab.id));
    replaceChildren(body, tab.render());
  }
  show(initial);
  return { el: h('div', { class: 'tabs' }, bar, body), show, current: () => active };
}
