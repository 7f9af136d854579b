import type { PlanEvent, PlanStatus, PlanSummary } from '../../contract';
import { canTransition } from '../../domain/plan-status';
import { AppError, DuplicateError, notFound } from '../errors';
import type { Logger } from '../logger';
import type { PlanEventBus } from './plan-events';
import type { Store } from '../ports';
import type { PlanPatch, PlanRecord } from './ports';

// The one owner of a plan's status. Every status change (run, finish, fail, publish, supersede, the
// failures at restart and shutdown) is checked against the transition table
// (server/domain/plan-status.ts), written with its patch in one transaction, then told on the plan
// event bus (which the composition root carries to the sockets) and logged, in this one place.

export type PlanStatusChange = Pick<PlanSummary, 'id' | 'districtId' | 'status' | 'progress' | 'version'>;

export const planEventOf = (p: PlanStatusChange): PlanEvent =>
  ({ planId: p.id, districtId: p.districtId, status: p.status, progress: p.progress, version: p.version });


/** The status itself is the transition's `to`; everything else may ride along. */
export type TransitionPatch = Omit<PlanPatch, 'status'>;

export interface TransitionOptions {
  /**
   * Move only from one of these statuses; from any other, leave the plan as it is and answer null
   * (a worker picking up a job another one already finished). Without it, a move the table does
   * not allow is refused with CONFLICT.
   */
  onlyFrom?: readonly PlanStatus[];
}

/** Moves inside one transaction: checked and written now, told once the transaction commits. */
export type Move = (planId: string, to: PlanStatus, patch?: TransitionPatch, options?: TransitionOptions) => Promise<PlanRecord | null>;

export interface PlanLifecycle {
  /** Checks the table, writes the status with the patch in one transaction, then tells the bus and the log. */
  transition(planId: string, to: PlanStatus, patch?: TransitionPatch, options?: TransitionOptions): Promise<PlanRecord | null>;
  /** Several moves (and other writes: the audit entry) in one transaction; told only if it commits. */
  transaction<T>(fn: (move: Move, tx: Store) => Promise<T>): Promise<T>;
  /** An event that is no status change: a plan just stored as queued, a running plan's progress (written throttled by the runner). */
  tell(change: PlanStatusChange): void;
}

export function createPlanLifecycle(deps: { store: Store; events: PlanEventBus; log: Logger }): PlanLifecycle {
  const { store, events, log } = deps;

  async function transaction<T>(fn: (move: Move, tx: Store) => Promise<T>): Promise<T> {
    const told: Array<{ from: PlanStatus; plan: PlanRecord }> = [];
    const result = await store.transaction(async (tx) => {
      const move: Move = async (planId, to, patch = {}, options = {}) => {
        // Locked (PostgreSQL) so that two writers of one plan take turns and the second sees the first's status.
        const plan = await tx.plans.getForUpdate(planId);
        if (!plan) throw notFound('plan', planId);
        if (options.onlyFrom && !options.onlyFrom.includes(plan.status)) return null;
        if (!canTransition(plan.status, to)) {
          throw new AppError('CONFLICT', `plan "${planId}" is ${plan.status}: it cannot become ${to}`);
        }
        try {
          await tx.plans.update(planId, { ...patch, status: to });
        } catch (err) {
          // The database's own guard (plans_scope_version_unique) behind the scope lock: a writer
          // that bypassed the lock took the version first.
          if (to === 'published' && err instanceof DuplicateError) {
            throw new AppError('CONFLICT', `another plan of this ${plan.districtId ? 'district' : 'city'} was published at the same time: plan "${planId}" stays a draft`);
          }
          throw err;
        }
        const moved: PlanRecord = { ...plan, ...patch, status: to } as PlanRecord;
        told.push({ from: plan.status, plan: moved });
        return moved;
      };
      return fn(move, tx);
    });
    for (const { from, plan } of told) {
      const fields = { planId: plan.id, districtId: plan.districtId, from, to: plan.status, ...(plan.status === 'failed' && plan.error ? { error: plan.error } : {}) };
      const line = `plan ${plan.id} (${plan.districtId ?? 'city'}): ${from} → ${plan.status}${fields.error ? `: ${fields.error}` : ''}`;
      if (plan.status === 'failed') log.warn(fields, line);
      else log.info(fields, line);
      events.publish(planEventOf(plan));
    }
    return result;
  }

  return {
    transaction,
    transition: (planId, to, patch, options) => transaction((move) => move(planId, to, patch, options)),
    tell: (change) => events.publish(planEventOf(change)),
  };
}
