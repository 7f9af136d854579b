import type { TierName } from '../../../server/contract';
import { request } from '../api';

// The server's tier configuration is the glossary (a deployment may rename or add tiers with
// TIERS_FILE); the i18n defaults only stand in until it has answered, or when it cannot.
let names = new Map<string, TierName>();
let loading: Promise<void> | null = null;

/** Loads the tier names once per page load; a failure keeps the defaults and is retried next time. */
export function loadTierNames(): Promise<void> {
  loading ??= request('GET /api/tiers').then((rows) => {
    names = new Map(rows.map((r) => [r.tier, r]));
  }, () => {
    loading = null;
  });
  return loading;
}

export function configuredTierName(tier: string, lang: 'zh' | 'en'): string | null {
  const row = names.get(tier);
  if (!row) return null;
  return lang === 'en' ? row.nameEn : row.nameZh;
}
