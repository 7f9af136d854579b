import type { AlertRule, AlertSeverity } from '../contract/requests';

// Severity says what is at stake, independent of age (the level climbs with age; severity does not).
// Triage sorts and filters by it, so a 10-minute-old alert that a sealed zone of 8,000 people has
// half a day of eggs left outranks a day-old overdue checklist step.

export const SEVERITIES: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

/** What the rules know about a zone when they judge the stakes. */
export interface ZoneStakes {
  population: number;
  /** Elderly living alone, infants and chronic patients: people who cannot go without for long. */
  specialNeeds: number;
}

/** A zone at or above this many residents raises supply alerts by one step: more people go short. */
export const LARGE_ZONE_POPULATION = 5000;

// Alerts about food not reaching people: the stakes of the zone raise them.
const SUPPLY_RULES: ReadonlySet<AlertRule> = new Set(['low_cover', 'failed_handoff', 'no_delivery', 'missed_eta']);

const BASE: Record<AlertRule, AlertSeverity> = {
  low_cover: 'medium', // refined by days of cover below
  failed_handoff: 'high',
  no_delivery: 'high',
  missed_eta: 'medium',
  request_spike: 'medium',
  commodity_complaints: 'medium',
  playbook_overdue: 'low',
};

/** Days of cover below which a shortage alone is critical (less than half a day of food) or high. */
export const CRITICAL_COVER_DAYS = 0.5;
export const HIGH_COVER_DAYS = 1;

const step = (s: AlertSeverity, by: number): AlertSeverity =>
  SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(0, SEVERITIES.indexOf(s) + by))]!;

export function alertSeverity(rule: AlertRule, zone: ZoneStakes, coverDays?: number | null): AlertSeverity {
  let s = BASE[rule];
  if (rule === 'low_cover' && coverDays !== undefined && coverDays !== null) {
    if (coverDays < CRITICAL_COVER_DAYS) return 'critical';
    if (coverDays < HIGH_COVER_DAYS) s = 'high';
  }
  if (!SUPPLY_RULES.has(rule)) return s;
  const raise = (zone.specialNeeds > 0 ? 1 : 0) + (zone.population >= LARGE_ZONE_POPULATION ? 1 : 0);
  return step(s, Math.min(1, raise));
}

export const severityRank = (s: AlertSeverity): number => SEVERITIES.indexOf(s);
