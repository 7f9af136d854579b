import type { User, VanBoard } from '../../contract';
import type { LiveConfig } from '../../config';
import { boardRow, sortBoard, type BoardRules, type BoardVanInput } from '../../domain/van-board';
import { forbidden } from '../errors';
import type { Store } from '../ports';
import type { Derived } from './live-dto';
import type { VehicleEntry } from './live-state';
import { instantOf, offsetMs } from '../../live/local-time';
import { allStops, stopKey } from '../../live/route-model';
import { roomOf } from './views';

/** Drivers send a fix every 15–30 s: five minutes without one is a phone off or out of coverage. */
const SILENT_AFTER_S = 300;
/** GPS in dense streets wanders by tens of metres; a depot yard and a gate are smaller than these. */
const AT_DEPOT_M = 150;
const AT_STOP_M = 80;

export interface BoardSource {
  boardEntries(room: string): Promise<{ entry: VehicleEntry; derived: Derived }[]>;
}

/** GET /api/vans/board: the live picture of the caller's room, names and breakdowns from the store, rules from domain/van-board. */
export async function buildVanBoard(deps: { store: Store; live: BoardSource; config: LiveConfig; now: () => Date }, user: User): Promise<VanBoard> {
  const room = roomOf(user);
  if (!room || user.role === 'driver') throw forbidden('the van board is for coordinators and district officials');
  const [entries, staff, availability, zones] = await Promise.all([
    deps.live.boardEntries(room), deps.store.staff.list(), deps.store.vehicleAvailability.list(), deps.store.zones.list(),
  ]);
  const staffNames = new Map(staff.map((s) => [s.id, s.name]));
  const broken = new Set(availability.filter((a) => a.status === 'broken_down').map((a) => a.vehicleId));
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  const offset = offsetMs(deps.config.utcOffset);
  const rules: BoardRules = {
    atDepotM: AT_DEPOT_M, atStopM: AT_STOP_M, silentAfterS: SILENT_AFTER_S, lateAfterS: deps.config.lateAfterS,
    hhmm: (ms) => new Date(ms + offset).toISOString().slice(11, 16),
    zoneName: (id) => { const z = zoneById.get(id); return { name: z?.name ?? id, nameEn: z?.nameEn ?? id }; },
  };
  const nowMs = deps.now().getTime();
  const rows = entries.map(({ entry, derived }) => {
    const route = entry.route!;
    const input: BoardVanInput = {
      vehicleId: entry.vehicle.id, name: entry.vehicle.name,
      driverName: entry.vehicle.driverId ? staffNames.get(entry.vehicle.driverId) ?? null : null,
      planId: route.planId, broken: broken.has(entry.vehicle.id), fix: entry.fix,
      depots: route.trips.map((t) => t.depotLocation),
      firstDepartMs: instantOf(route.date, route.trips[0]?.departS ?? 0, deps.config.utcOffset),
      stops: allStops(route).map((s) => {
        const key = stopKey(s.tripIndex, s.stopIndex);
        const st = entry.states.get(key);
        return {
          tripIndex: s.tripIndex, stopIndex: s.stopIndex, zoneId: s.zoneId, location: s.location, status: st?.status ?? 'pending',
          plannedAtMs: instantOf(route.date, s.arrivalS, deps.config.utcOffset), etaAtMs: derived.etaMs.get(key) ?? null,
          plannedKg: s.plannedKg, deliveredKg: st?.deliveredKg ?? {},
        };
      }),
    };
    return boardRow(input, nowMs, rules);
  });
  return { at: new Date(nowMs).toISOString(), vans: sortBoard(rows) };
}
