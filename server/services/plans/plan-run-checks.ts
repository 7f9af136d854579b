import type { PlanRunInput, PlanSituation, User } from '../../contract';
import { AppError, notFound } from '../errors';
import { vehicleRef } from '../references';
import type { Store } from '../ports';
import type { PlanRecord } from './ports';

/** How a queued plan is to be run: stored with it (input_settings) so the run is reproducible. */
export interface RunSettings {
  days: number;
  timeLimitS: number;
  seed: number;
  situation: PlanSituation;
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, field);

/**
 * Everything about a plan request a schema cannot check: scope, references, and a replan's situation
 * against its base plan. Throws before anything is written.
 */
export async function checkRunInput(
  store: Store,
  actor: User,
  input: PlanRunInput,
  readable: (actor: User, id: string, field: string) => Promise<PlanRecord>,
): Promise<{ districtId: string | null }> {
  if (actor.role === 'driver') throw new AppError('FORBIDDEN', 'drivers may not run plans');
  let districtId = input.districtId ?? null;
  if (actor.role === 'district_official') {
    districtId ??= actor.districtId;
    // Another district answers as a missing one (services/references.ts).
    if (districtId !== actor.districtId) throw notFound('district', districtId ?? '', 'body.districtId');
  }
  if (districtId && !(await store.districts.get(districtId))) throw notFound('district', districtId, 'body.districtId');

  if (!input.basePlanId) {
    if (input.situation) throw invalid('body.situation', 'a situation needs the basePlanId it refers to');
    return { districtId };
  }
  const base = await readable(actor, input.basePlanId, 'body.basePlanId');
  if (!base.result) throw new AppError('CONFLICT', `body.basePlanId: plan "${base.id}" is ${base.status} and has no result to replan from`, 'body.basePlanId');
  if (base.districtId !== districtId) {
    throw invalid('body.districtId', `a replan covers the same scope as its base plan (${base.districtId ?? 'city-wide'})`);
  }
  if (base.date !== input.date) throw invalid('body.date', `a replan is for its base plan's day (${base.date})`);

  const situation = input.situation;
  if (!situation) return { districtId };
  const routes = new Map(base.result.routes.map((r) => [r.vehicleId, r]));
  situation.completedStops.forEach((s, i) => {
    const stop = routes.get(s.vehicleId)?.trips[s.tripIndex]?.stops[s.stopIndex];
    if (!stop) {
      throw invalid(`body.situation.completedStops.${i}`, `the base plan has no stop ${s.stopIndex} on trip ${s.tripIndex} of vehicle "${s.vehicleId}"`);
    }
  });
  situation.loadedVehicles.forEach((v, i) => {
    if (!routes.has(v)) throw invalid(`body.situation.loadedVehicles.${i}`, `vehicle "${v}" has no route in the base plan`);
    if (situation.brokenVehicles.includes(v)) throw invalid(`body.situation.loadedVehicles.${i}`, `vehicle "${v}" is also listed as broken`);
  });
  for (const [i, v] of situation.brokenVehicles.entries()) {
    if (!routes.has(v)) await vehicleRef(store, actor, v, `body.situation.brokenVehicles.${i}`);
  }
  return { districtId };
}
