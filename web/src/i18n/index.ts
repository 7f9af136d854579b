import { en } from './en';
import { zh, type MessageKey } from './zh';

export type { MessageKey } from './zh';
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'baogong.lang';
const tables: Record<Lang, Record<MessageKey, string>> = { zh, en };
const listeners = new Set<(lang: Lang) => void>();

let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function getLang(): Lang {
  return current;
}

/** Switches language, remembers it in localStorage and tells the listeners (the router re-renders). */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translates a key, filling `{name}` placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = tables[current][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A UI key built at run time (tiers, statuses): falls back to the raw value when unknown. */
export function tOr(key: string, fallback: string): string {
  return key in tables[current] ? tables[current][key as MessageKey] : fallback;
}

/** Picks the Chinese or English name of a record. */
export function localName(item: { name: string; nameEn?: string | null }): string {
  return current === 'en' && item.nameEn ? item.nameEn : item.name;
}
