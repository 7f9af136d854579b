import { ApiFailure } from '../api';
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import { refusalOf, type Refusal } from '../refusal';

/** Turns any failure into words for the user: a sentence in their language; the server's message only as detail. */
export function describeError(err: unknown): Refusal {
  if (err instanceof ApiFailure) return refusalOf(err, err.route);
  return err instanceof Error ? { text: err.message, detail: '' } : { text: t('refusal.INTERNAL'), detail: String(err) };
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
  function show(kind: 'error' | 'info', text: string, detail = ''): void {
    el.hidden = false;
    el.className = `message message-${kind}`;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.dataset.kind = kind;
    const words = h('span', null, text);
    if (detail) words.append(h('small', { class: 'message-detail', 'data-testid': 'message-detail' }, `${t('refusal.detail')}: `, h('span', { lang: 'en' }, detail)));
    replaceChildren(el, words, h('button', { type: 'button', class: 'link', 'aria-label': t('error.dismiss'), onclick: () => clear() }, '×'));
  }
  function clear(): void {
    el.hidden = true;
    el.textContent = '';
  }
  return { el, error: (err) => { const r = describeError(err); show('error', r.text, r.detail); }, info: (text) => show('info', text), clear };
}
