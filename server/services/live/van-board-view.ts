import type { User, VanBoard, VanBoardRow } from '../../contract';
import type { LiveConfig } from '../../config';
import { boardRow, sortBoard, type BoardRules, type BoardVanInput } from '../../domain/van-board';
import { forbidden } from '../errors';
import type { LiveStore } from './ports';
import type { Derived } from './payloads';
import type { VehicleEntry } from './live-state';
import { instantOf, offsetMs } from '../../domain/local-time';
import { allStops, stopKey } from '../../domain/route-model';
import { roomOf, viewOf } from './rooms';

/** Drivers send a fix every 15–30 s: five minutes without one is a phone off or out of coverage. */
const SILENT_AFTER_S = 300;
/** GPS in dense streets wanders by tens of metres; a depot yard and a gate are smaller than these. */
const AT_DEPOT_M = 150;
const AT_STOP_M = 80;
/** Rows built between two turns of the event loop. */
const SLICE = 200;

export interface BoardSource {
  /** `only`: just these vans (those that changed), else every van the room sees. */
  boardEntries(room: string, only?: ReadonlySet<string> | null): Promise<{ entry: VehicleEntry; derived: Derived }[]>;
}

export interface BoardDeps { store: Pick<LiveStore, 'staff' | 'vehicleAvailability' | 'zones'>; live: BoardSource; config: LiveConfig; now: () => Date }

/**
 * Builds a room's board (or the rows of some of its vans). Names and breakdowns come from the store:
 * with `refsMaxAgeMs` > 0 they are re-read only when older (the live push builds every second).
 */
export function createBoardBuilder(deps: BoardDeps, refsMaxAgeMs = 0) {
  let refs: ReturnType<typeof readRefs> | null = null;
  let readAt = 0;
  function readRefs() {
    return Promise.all([deps.store.staff.list(), deps.store.vehicleAvailability.list(), deps.store.zones.list()]);
  }
  function currentRefs() {
    if (!refs || Date.now() - readAt >= refsMaxAgeMs) {
      readAt = Date.now();
      const reading = readRefs();
      reading.catch(() => { if (refs === reading) refs = null; });
      refs = reading;
    }
    return refs;
  }

  return async function build(room: string, only: ReadonlySet<string> | null = null): Promise<VanBoard> {
    const view = viewOf(room);
    const [entries, [staff, availability, zones]] = await Promise.all([deps.live.boardEntries(room, only), currentRefs()]);
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
    const rows: VanBoardRow[] = [];
    for (let i = 0; i < entries.length; i += 1) {
      // A city board is thousands of vans: let drivers' events in between slices.
      if (i > 0 && i % SLICE === 0) await new Promise((r) => setImmediate(r));
      const { entry } = entries[i]!;
      const route = entry.route!;
      // Where a van of another district is, and how late it runs, stay with its district (as on the
      // live map): an official sees such a van only through its stops in their own district.
      const seesVan = view.seesVehicle(entry.vehicle);
      const derived = seesVan ? entries[i]!.derived : null;
      const stops = allStops(route).filter((s) => seesVan || view.seesStop(entry.vehicle.id, zoneById.get(s.zoneId)?.districtId ?? null));
      const input: BoardVanInput = {
        vehicleId: entry.vehicle.id, name: entry.vehicle.name,
        driverName: entry.vehicle.driverId ? staffNames.get(entry.vehicle.driverId) ?? null : null,
        planId: route.planId, broken: broken.has(entry.vehicle.id), fix: seesVan ? entry.fix : null,
        depots: route.trips.map((t) => t.depotLocation),
        firstDepartMs: instantOf(route.date, route.trips[0]?.departS ?? 0, deps.config.utcOffset),
        day: { date: route.date, startMs: instantOf(route.date, 0, deps.config.utcOffset) },
        stops: stops.map((s) => {
          const key = stopKey(s.tripIndex, s.stopIndex);
          const st = entry.states.get(key);
          return {
            tripIndex: s.tripIndex, stopIndex: s.stopIndex, zoneId: s.zoneId, location: s.location, status: st?.status ?? 'pending',
            plannedAtMs: instantOf(route.date, s.arrivalS, deps.config.utcOffset), etaAtMs: derived?.etaMs.get(key) ?? null,
            plannedKg: s.plannedKg, deliveredKg: st?.deliveredKg ?? {},
          };
        }),
      };
      const row = boardRow(input, nowMs, rules);
      // No fix shown is not a silent van: its own district watches that.
      rows.push(seesVan ? row : { ...row, silent: false });
    }
    return { at: new Date(nowMs).toISOString(), vans: sortBoard(rows) };
  };
}

/** GET /api/vans/board: the live picture of the caller's room, names and breakdowns from the store, rules from domain/van-board. */
export async function buildVanBoard(deps: BoardDeps, user: User): Promise<VanBoard> {
  const room = roomOf(user);
  if (!room || user.role === 'driver') throw forbidden('the van board is for coordinators and district officials');
  return createBoardBuilder(deps)(room);
}
