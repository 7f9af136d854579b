import type { BoardDay, LngLat, StopStatus, VanBoardRow, VanState } from '../contract';
import { planDayAt } from '../contract/plan-day';

// Pure rules of the van board (issue 14): what state a van is in, whether it is late or silent, and
// which vans a dispatcher must look at first. No I/O: the live layer supplies what it holds.

export interface BoardStop {
  tripIndex: number;
  stopIndex: number;
  zoneId: string;
  location: LngLat;
  status: StopStatus;
  plannedAtMs: number;
  etaAtMs: number | null;
  plannedKg: Record<string, number>;
  deliveredKg: Record<string, number>;
}

export interface BoardVanInput {
  vehicleId: string;
  name: string;
  driverName: string | null;
  planId: string;
  broken: boolean;
  fix: { lng: number; lat: number; at: string } | null;
  /** Route order. */
  stops: BoardStop[];
  depots: LngLat[];
  /** Planned departure of the van's first trip. */
  firstDepartMs: number;
  /** The plan's local day (YYYY-MM-DD) and the instant of its local midnight. */
  day: { date: string; startMs: number };
}

export interface BoardRules {
  /** A van with a fix this close to one of its depots is at the depot. */
  atDepotM: number;
  /** …this close to its next stop, at the stop (before the driver taps "arrived"). */
  atStopM: number;
  /** A van on duty whose last fix is older than this is silent (no fix at all once its first trip is due: silent too). */
  silentAfterS: number;
  /** Late: the next stop's ETA (or, without one, now) is this far behind its planned arrival. */
  lateAfterS: number;
  /** Formats an instant as local HH:MM. */
  hhmm(ms: number): string;
  zoneName(zoneId: string): { name: string; nameEn: string };
}

/** Great-circle metres: enough to tell "at the depot" from "on the road". */
function distanceM(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

const open = (s: BoardStop) => s.status === 'pending' || s.status === 'arrived';
const sumKg = (kg: Record<string, number>) => Object.values(kg).reduce((a, b) => a + b, 0);

export function vanState(van: BoardVanInput, rules: Pick<BoardRules, 'atDepotM' | 'atStopM'>): VanState {
  if (van.broken) return 'broken_down';
  const next = van.stops.find(open);
  if (!next) return 'done';
  if (next.status === 'arrived') return 'at_stop';
  const started = van.stops.some((s) => !open(s));
  if (!van.fix) return started ? 'en_route' : 'not_started';
  const here: LngLat = [van.fix.lng, van.fix.lat];
  if (distanceM(here, next.location) <= rules.atStopM) return 'at_stop';
  if (van.depots.some((d) => distanceM(here, d) <= rules.atDepotM)) return 'at_depot';
  return 'en_route';
}

/**
 * Whether the van's plan day runs at nowMs (the rule in contract/plan-day). A demo plan of 2021 read in 2026
 * is long over, and "2,012 days late" is noise: the clock says nothing about such a van, only its records do.
 */
export function boardDay(van: Pick<BoardVanInput, 'day' | 'stops'>, nowMs: number): BoardDay {
  return planDayAt(nowMs, van.day.startMs, van.stops.reduce((last, s) => Math.max(last, s.plannedAtMs), van.day.startMs));
}

/** One board row for a van of the published plan, as of nowMs. */
export function boardRow(van: BoardVanInput, nowMs: number, rules: BoardRules): VanBoardRow {
  const state = vanState(van, rules);
  const day = boardDay(van, nowMs);
  const running = day === 'today';
  const next = van.stops.find(open) ?? null;
  const fixMs = van.fix ? Date.parse(van.fix.at) : null;
  const ageS = fixMs === null ? null : Math.max(0, Math.round((nowMs - fixMs) / 1000));
  const onDuty = running && state !== 'done' && state !== 'broken_down' && nowMs >= van.firstDepartMs;
  const silent = onDuty && (ageS === null || ageS > rules.silentAfterS);
  // Without an ETA (no fix) the van is at least as late as the clock is past the planned arrival.
  // Outside the plan day the plan's own time is all there is to say.
  const etaAtMs = running ? next?.etaAtMs ?? null : null;
  const expectedMs = next ? (running ? etaAtMs ?? Math.max(nowMs, next.plannedAtMs) : next.plannedAtMs) : null;
  const lateS = next && expectedMs !== null ? Math.max(0, (expectedMs - next.plannedAtMs) / 1000) : 0;
  const minutesLate = state === 'broken_down' ? 0 : Math.round(lateS / 60);
  const names = next ? rules.zoneName(next.zoneId) : null;
  return {
    vehicleId: van.vehicleId, name: van.name, driverName: van.driverName, planId: van.planId, planDate: van.day.date, day, state,
    position: van.fix ? { lng: van.fix.lng, lat: van.fix.lat, at: van.fix.at } : null,
    positionAgeS: ageS, silent,
    nextStop: next && names ? {
      tripIndex: next.tripIndex, stopIndex: next.stopIndex, zoneId: next.zoneId, zoneName: names.name, zoneNameEn: names.nameEn,
      location: next.location, plannedAt: new Date(next.plannedAtMs).toISOString(),
      etaAt: etaAtMs === null ? null : new Date(etaAtMs).toISOString(),
      eta: rules.hhmm(expectedMs!),
    } : null,
    minutesLate, late: state !== 'broken_down' && lateS > rules.lateAfterS,
    deliveredKg: Math.round(van.stops.filter((s) => s.status === 'delivered').reduce((a, s) => a + sumKg(s.deliveredKg), 0)),
    plannedKg: Math.round(van.stops.reduce((a, s) => a + sumKg(s.plannedKg), 0)),
    stopsDone: van.stops.filter((s) => s.status === 'delivered').length,
    stopsFailed: van.stops.filter((s) => s.status === 'failed').length,
    stopsTotal: van.stops.length,
  };
}

// The board's order is a protocol rule both sides run (the page re-sorts pushed rows): it lives in the contract.
export { sortBoard } from '../contract/van-board-order';
