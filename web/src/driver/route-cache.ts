import type { VehicleRoute } from '../../../server/contract';
import { ApiFailure, request } from '../api';

/** The route plus whether it came from this phone's copy because the network failed. */
export interface LoadedRoute {
  route: VehicleRoute | null;
  cached: boolean;
}

const keyOf = (vehicleId: string): string => `baogong.driver.route.${vehicleId}`;

/** The van's published route; offline, the last one this phone saw (the service worker keeps the reply too). */
export async function loadRoute(vehicleId: string, storage: Storage = localStorage): Promise<LoadedRoute> {
  try {
    const route = await request('GET /api/vehicles/:id/route', { params: { id: vehicleId } });
    try {
      if (supersedes(route, readSaved(storage, vehicleId))) storage.setItem(keyOf(vehicleId), JSON.stringify(route));
    } catch { /* storage full: not fatal */ }
    return { route, cached: false };
  } catch (err) {
    const saved = storage.getItem(keyOf(vehicleId));
    if (err instanceof ApiFailure && err.code === 'NETWORK' && saved) return { route: JSON.parse(saved) as VehicleRoute | null, cached: true };
    throw err;
  }
}

function readSaved(storage: Storage, vehicleId: string): VehicleRoute | null {
  try { return JSON.parse(storage.getItem(keyOf(vehicleId)) ?? 'null') as VehicleRoute | null; } catch { return null; }
}

/**
 * Whether a reply may replace the phone's copy. Replies can answer out of order (a read from before a
 * publish answering last): an older plan must not overwrite the copy the driver falls back on
 * offline. "No route" always does: a replan that leaves the van out (broken down) ends its route,
 * and a superseded route kept offline would send the driver out on a plan that no longer stands.
 */
export function supersedes(fresh: VehicleRoute | null, saved: VehicleRoute | null): boolean {
  if (!saved || !fresh) return true;
  return fresh.publishedAt >= saved.publishedAt;
}
