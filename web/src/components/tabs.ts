import { h, replaceChildren } from '../dom';

export interface Tab {
  id: string;
  label: string;
  render(): HTMLElement;
}

/** Tabs over one panel body; `show(id)` switches from code (e.g. selecting a zone on the map). */
export function tabs(list: readonly Tab[], initial: string): { el: HTMLElement; show(id: string): void; current(): string } {
  const body = h('div', { class: 'tab-body' });
  const buttons = new Map<string, HTMLButtonElement>();
  let active = initial;
  const bar = h('div', { class: 'tab-bar', role: 'tablist' }, list.map((tab) => {
    const button = h('button', { type: 'button', role: 'tab', 'data-testid': `tab-${tab.id}`, onclick: () => show(tab.id) }, tab.label);
    buttons.set(tab.id, button);
    return button;
  }));
  function show(id: string): void {
    const tab = list.find((x) => x.id === id) ?? list[0]!;
    active = tab.id;
    for (const [tid, button] of buttons) button.setAttribute('aria-selected', String(tid === tab.id));
    replaceChildren(body, tab.render());
  }
  show(initial);
  return { el: h('div', { class: 'tabs' }, bar, body), show, current: () => active };
}
