import type { Plan, PlanChanges, PlanKpis, PlanResult, PlanStatus, PlanSummary } from '../../contract';

// Store port for the plans (their status moves only through plan-lifecycle.ts's transition).

/** A stored plan: the API's Plan plus the settings it was run with. */
export interface PlanRecord extends Plan {
  inputSettings: unknown;
}

export interface PlanFilter {
  /** null: city-wide plans only; undefined: any scope. */
  districtId?: string | null;
  status?: PlanStatus;
  date?: string;
}

export interface PlanPatch {
  status?: PlanStatus;
  progress?: number;
  error?: string | null;
  version?: number | null;
  publishedAt?: string | null;
  kpis?: PlanKpis | null;
  result?: PlanResult | null;
  changes?: PlanChanges | null;
}

export interface PublishedPlanRef {
  id: string;
  version: number;
  date: string;
  publishedAt: string;
}

export interface PlanRepo {
  insert(plan: PlanRecord): Promise<void>;
  get(id: string): Promise<PlanRecord | null>;
  /** Inside a transaction: the plan, its row locked until commit (PostgreSQL; SQLite's writes take turns anyway). */
  getForUpdate(id: string): Promise<PlanRecord | null>;
  /**
   * Inside a transaction: waits until no other transaction holds the same key, then holds it until
   * commit (a PostgreSQL advisory lock; SQLite's write transactions take turns anyway). Guards what
   * has no row of its own to lock: a scope's publishing, a caller's share of the queue.
   */
  lockKey(key: string): Promise<void>;
  /** How many of the caller's plans are queued or running. */
  countUnfinished(createdBy: string): Promise<number>;
  /** Summaries only (no result), newest first. */
  list(filter?: PlanFilter): Promise<PlanSummary[]>;
  /**
   * False when there was no such plan. A patch with a result also rewrites the plan's stop rows. A version
   * another plan of the same scope holds (plans_scope_version_unique) raises DuplicateError (services/errors).
   */
  update(id: string, patch: PlanPatch): Promise<boolean>;
  /** Highest version published so far in a scope (0 when none). */
  maxVersion(districtId: string | null): Promise<number>;
  /** The newest published plan whose routes include the vehicle, optionally for one day. */
  latestPublishedForVehicle(vehicleId: string, date?: string): Promise<PublishedPlanRef | null>;
  /** A value that changes whenever a plan is published (through any process): one cheap read. */
  publishedStamp(): Promise<string>;
}
