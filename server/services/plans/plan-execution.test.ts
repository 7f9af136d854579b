import { afterEach, describe, expect, it } from 'vitest';
import { migrateLatest } from '../../store/db';
import { createStore } from '../../store/store';
import { tempSqlite, type TempDatabase } from '../../store/test-support';
import { capturingLogger } from '../../testing/test-log';
import { createLocalPlanEventBus } from './plan-events';
import { executePlan } from './plan-execution';
import { createPlanLifecycle } from './plan-lifecycle';
import type { PlanRecord } from './ports';

// A plan whose run fails is marked failed through the lifecycle; when even that write fails (the
// database went away under it), the plan stays running until a restart fails it, and the log is the
// only place that says so.

let temp: TempDatabase | null = null;
afterEach(async () => {
  await temp?.cleanup().catch(() => undefined);
  temp = null;
});

const queued = (id: string): PlanRecord => ({
  id, version: null, status: 'queued', date: '2021-06-01', districtId: null, createdAt: '2021-06-01T00:00:00.000Z', createdBy: 'u1',
  publishedAt: null, basePlanId: null, progress: 0, error: null, kpis: null, result: null, changes: null,
  inputSettings: { days: 1, timeLimitS: 1, seed: 1, situation: { completedStops: [], loadedVehicles: [], brokenVehicles: [] } },
});

async function setUp() {
  temp = await tempSqlite();
  await migrateLatest(temp.db);
  const store = createStore(temp.db);
  const { log, lines } = capturingLogger('info');
  const lifecycle = createPlanLifecycle({ store, events: createLocalPlanEventBus(), log });
  return { store, log, lines, lifecycle, db: temp.db };
}

describe('executePlan when the run fails', () => {
  it('marks the plan failed with the error, and logs the move', async () => {
    const { store, log, lines, lifecycle } = await setUp();
    await store.plans.insert(queued('p1'));
    const runner = { run: async () => { throw new Error('planner exploded'); }, close: async () => {} };
    await executePlan({ store, tierRules: [], utcOffset: '+08:00', runner, lifecycle, log }, 'p1');
    expect(await store.plans.get('p1')).toMatchObject({ status: 'failed', error: 'planner exploded' });
    expect(lines.some((l) => l.to === 'failed' && l.planId === 'p1')).toBe(true);
  });

  it('logs a plan it could not even mark failed, instead of dropping the failure', async () => {
    const { store, log, lines, lifecycle, db } = await setUp();
    await store.plans.insert(queued('p2'));
    // The database goes away while the planner runs: neither the result nor the failure can be written.
    const runner = { run: async () => { await db.destroy(); throw new Error('planner exploded'); }, close: async () => {} };
    await executePlan({ store, tierRules: [], utcOffset: '+08:00', runner, lifecycle, log }, 'p2');
    const line = lines.find((l) => l.msg === 'plan failed and could not be marked failed');
    expect(line).toMatchObject({ planId: 'p2', error: 'planner exploded' });
    expect(line?.err).toBeTruthy();
  });
});
