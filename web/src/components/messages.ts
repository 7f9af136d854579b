import { ApiFailure } from '../api';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';

/** Turns any failure into one line for the user: the error kind in their language, then the server's message. */
export function describeError(err: unknown): string {
  if (err instanceof ApiFailure) return `${tOr(`error.${err.code}`, err.code)}: ${err.message}`;
  return err instanceof Error ? err.message : `${t('error.INTERNAL')}: ${String(err)}`;
}

export interface MessageBox {
  el: HTMLElement;
  error(err: unknown): void;
  info(text: string): void;
  clear(): void;
}

/** An inline message area: errors are announced (role=alert), successes politely. */
export function messageBox(testId = 'message'): MessageBox {
  const el = h('div', { class: 'message', 'data-testid': testId, hidden: true });
  function show(kind: 'error' | 'info', text: string): void {
    el.hidden = false;
    el.className = `message message-${kind}`;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.dataset.kind = kind;
    replaceChildren(el, h('span', null, text), h('button', { type: 'button', class: 'link', 'aria-label': t('error.dismiss'), onclick: () => clear() }, '×'));
  }
  function clear(): void {
    el.hidden = true;
    el.textContent = '';
  }
  return { el, error: (err) => show('error', describeError(err)), info: (text) => show('info', text), clear };
}
