import type { BoardDay, VehicleRoute } from '../../../server/contract';
import { planDayAt } from '../../../server/contract/plan-day';
import { localMidnightMs } from '../plans/plan-format';

/** Whether the route's plan day runs on the phone's clock (the van board's rule): else it is not today's route. */
export function routeDay(route: Pick<VehicleRoute, 'date' | 'trips'>, nowMs: number): BoardDay {
  const startMs = localMidnightMs(route.date);
  const lastS = route.trips.reduce((last, trip) => trip.stops.reduce((l, s) => Math.max(l, s.arrivalS), last), 0);
  return planDayAt(nowMs, startMs, startMs + lastS * 1000);
}
