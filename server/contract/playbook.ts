// The response playbook (响应流程) and daily reports: part of the contract (re-exported by index.ts).

/** A fact that completes a step by itself, without anyone ticking it. */
export type PlaybookAuto = 'handoff_point' | 'plan_published' | 'delivery_recorded';
export const PLAYBOOK_AUTOS: readonly PlaybookAuto[] = ['handoff_point', 'plan_published', 'delivery_recorded'];

export interface PlaybookStep {
  /** Stable within a template, e.g. "confirm_population". */
  id: string;
  titleZh: string;
  titleEn: string;
  /** Deadline, in hours after the zone was sealed. */
  dueAfterH: number;
  auto: PlaybookAuto | null;
}

export interface PlaybookTemplateInput {
  /** Tiers whose sealing starts a checklist (default: sealed and controlled). */
  startTiers: string[];
  steps: PlaybookStep[];
}

export interface PlaybookTemplate extends PlaybookTemplateInput {
  city: string;
  /** The limit for the first published plan: the deadline of the step completed by `plan_published` (null: none). */
  firstPlanWithinH: number | null;
  /** True when the city has not edited the defaults. */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ChecklistStep extends PlaybookStep {
  dueAt: string;
  doneAt: string | null;
  /** User id, or null when a fact completed it (`autoDone`). */
  doneBy: string | null;
  autoDone: boolean;
  note: string | null;
  /** Not done and past its deadline when read. */
  overdue: boolean;
}

export interface ZoneChecklist {
  id: string;
  zoneId: string;
  districtId: string;
  city: string;
  tier: string;
  startedAt: string;
  steps: ChecklistStep[];
  done: number;
  total: number;
  overdue: number;
}

export interface ZoneProgress {
  zoneId: string;
  zoneName: string;
  zoneNameEn: string;
  districtId: string;
  checklistId: string;
  startedAt: string;
  done: number;
  total: number;
  overdue: number;
  /** The earliest deadline among steps not done (null when all are done). */
  nextDueAt: string | null;
}

export interface StepDoneInput {
  note?: string;
}

// ---- Daily reports ---------------------------------------------------------------------------

export interface DailyReportQuery {
  /** Local day, YYYY-MM-DD. */
  date: string;
  /** Omit for the province (coordinators only); officials always get their own district. */
  districtId?: string;
}

export interface DailyReport {
  date: string;
  /** null: the whole province. */
  districtId: string | null;
  zonesSealed: number;
  /** Zones in effect that day, by tier. */
  zonesByTier: Record<string, number>;
  /** Population of the zones in effect that day. */
  peopleCovered: number;
  /** Delivered that day, commodityId → tonnes. */
  tonnesDelivered: Record<string, number>;
  /** Lowest days of cover per commodity in the newest published plan of the day (null: no plan). */
  minDaysOfCover: Record<string, number> | null;
  requestsReceived: number;
  requestsResolved: number;
  /** Median seconds from filing to resolution of the requests resolved that day (null: none). */
  medianResolveS: number | null;
  alertsByColour: { yellow: number; orange: number; red: number };
}

export interface PlaybookApiRoutes {
  'GET /api/playbooks/:city': { body: never; reply: PlaybookTemplate };
  'PUT /api/playbooks/:city': { body: PlaybookTemplateInput; reply: PlaybookTemplate };
  'GET /api/playbook/progress': { body: never; query: { districtId?: string }; reply: ZoneProgress[] };
  'GET /api/zones/:id/checklist': { body: never; reply: ZoneChecklist };
  'POST /api/zones/:id/checklist/steps/:stepId/done': { body: StepDoneInput; reply: ZoneChecklist };
  'GET /api/reports/daily': { body: never; query: DailyReportQuery; reply: DailyReport };
  /** The same report as CSV text (UTF-8 with BOM), sent as a file, not in the JSON envelope. */
  'GET /api/reports/daily.csv': { body: never; query: DailyReportQuery; reply: string };
}
