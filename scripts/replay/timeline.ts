// Which tier each zone is under on each replay day. Liwan has its dated notices (data/liwan-2021/
// timeline.json: every step is the full state from that day, zones not listed are unrestricted);
// a scenario without a timeline keeps its own tiers every day (a soak test, not history).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../server/domain/scenario';
import { DATA_DIR } from '../../server/store/scenario-files';

export interface TimelineStep {
  date: string;
  notice: string;
  /** zoneId → tier; a zone absent (or null) is unrestricted that day (status lifted). */
  tiers: Record<string, string | null>;
}

export interface Timeline { steps: TimelineStep[] }

interface TimelineFile { steps: { date: string; notice: string; zones: Record<string, { tier: string | null }> }[] }

export function loadTimeline(name: string, scenario: Scenario): Timeline {
  const path = join(DATA_DIR, name, 'timeline.json');
  if (!existsSync(path)) {
    return { steps: [{ date: scenario.date, notice: `${scenario.id} as of ${scenario.date}`, tiers: Object.fromEntries(scenario.zones.map((z) => [z.id, z.tier])) }] };
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as TimelineFile;
  return {
    steps: file.steps.map((s) => ({ date: s.date, notice: s.notice, tiers: Object.fromEntries(Object.entries(s.zones).map(([id, z]) => [id, z.tier])) })),
  };
}

/** The step in force on `date`: the latest on or before it (before the first step: nothing restricted). */
export function stepOn(timeline: Timeline, date: string): TimelineStep | null {
  let found: TimelineStep | null = null;
  for (const s of timeline.steps) if (s.date <= date) found = s;
  return found;
}

export function tierOn(timeline: Timeline, date: string, zoneId: string): string | null {
  return stepOn(timeline, date)?.tiers[zoneId] ?? null;
}

/** YYYY-MM-DD days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Default range: the timeline's first to last step (Liwan: 29 May – 24 June), or three days from the scenario's date. */
export function defaultRange(timeline: Timeline, scenario: Scenario, hasFile: boolean): { from: string; to: string } {
  if (hasFile && timeline.steps.length > 1) return { from: timeline.steps[0]!.date, to: timeline.steps.at(-1)!.date };
  return { from: scenario.date, to: daysBetween(scenario.date, '9999-12-31').slice(0, 3).at(-1)! };
}
