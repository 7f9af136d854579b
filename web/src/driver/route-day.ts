import type { BoardDay, VehicleRoute } from '../../../server/contract';
import { planDayAt } from '../../../server/contract/plan-day';
import { midnightOf } from '../local-time';

/** Whether the route's plan day runs on the phone's clock (the van board's rule): else it is not today's route. */
export function routeDay(route: Pick<VehicleRoute, 'date' | 'trips'>, nowMs: number, utcOffset?: string): BoardDay {
  const startMs = midnightOf(route.date, utcOffset);
  const lastS = route.trips.reduce((last, trip) => trip.stops.reduce((l, s) => Math.max(l, s.arrivalS), last), 0);
  return planDayAt(nowMs, startMs, startMs + lastS * 1000);
}
