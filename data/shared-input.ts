import type { Commodity } from '../server/contract';

// Inputs shared by both demo scenarios; scripts/build-scenarios.ts turns them into scenario.json.

/** Chinese Dietary Guidelines 2022, per person per day; editable later in the commodities table. */
export const COMMODITIES: Commodity[] = [
  { id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', unit: 'kg', dailyRationKgPerPerson: 0.4, coldChain: false },
  { id: 'eggs', name: '鸡蛋', nameEn: 'Eggs', unit: 'kg', dailyRationKgPerPerson: 0.05, coldChain: false },
  { id: 'meat', name: '肉类', nameEn: 'Meat', unit: 'kg', dailyRationKgPerPerson: 0.075, coldChain: true },
  { id: 'oil', name: '食用油', nameEn: 'Cooking oil', unit: 'kg', dailyRationKgPerPerson: 0.03, coldChain: false },
];

/** Estimated shares of the population (planning assumptions, see data/README.md). */
export const SPECIAL_NEEDS_SHARE = { elderlyAlone: 0.03, infants: 0.01, chronicPatients: 0.08 } as const;
export const PERSONS_PER_HOUSEHOLD = 2.6;

/** Midnight local (UTC+8) of a calendar day, as a UTC instant: notices took effect from 00:00. */
export function localMidnightUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, -8)).toISOString();
}

/** End of a local (UTC+8) calendar day, as a UTC instant: a health check valid "until 5 June". */
export function localEndOfDayUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, 15, 59, 59)).toISOString();
}
