import type { ApiError } from '../../server/contract';
import type { ClientErrorCode } from './api';
import { getLang, t, tOr } from './i18n';

/** A refusal for the user: a sentence in the page's language, and the server's own (English) words as detail. */
export interface Refusal {
  text: string;
  detail: string;
}

/** The last part of a dotted field path that the glossary names ('body.quantitiesKg.eggs' → 'quantitiesKg'). */
function fieldLabel(field: string): string {
  const parts = field.split('.').filter((p) => p !== 'body' && p !== 'input' && p !== 'query' && !/^\d+$/.test(p));
  for (const part of [...parts].reverse()) {
    const label = tOr(`field.${part}`, '');
    if (label) return label;
  }
  return parts.join('.') || field;
}

/**
 * Words a refusal by its code (and field, and the call it answered) in the page's language: the server
 * writes its messages in English for logs and API users, so they are only shown as the detail.
 */
export function refusalOf(error: Pick<ApiError, 'message' | 'field'> & { code: ClientErrorCode }, route?: string): Refusal {
  let text: string;
  if (route === 'POST /api/sessions' && error.code === 'UNAUTHENTICATED') text = t('refusal.login');
  else if (error.code === 'VALIDATION' && error.field) text = t('refusal.VALIDATION.field', { field: fieldLabel(error.field) });
  else text = tOr(`refusal.${error.code}`, t('refusal.INTERNAL'));
  return { text, detail: error.message };
}

/** One line: the sentence, then the detail in brackets (for places that hold plain text only). */
export function refusalLine(error: Pick<ApiError, 'message' | 'field'> & { code: ClientErrorCode }, route?: string): string {
  const r = refusalOf(error, route);
  if (!r.detail) return r.text;
  return getLang() === 'zh' ? `${r.text}（${t('refusal.detail')}：${r.detail}）` : `${r.text} (${t('refusal.detail')}: ${r.detail})`;
}
