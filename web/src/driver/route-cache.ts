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
    try { storage.setItem(keyOf(vehicleId), JSON.stringify(route)); } catch { /* storage full: not fatal */ }
    return { route, cached: false };
  } catch (err) {
    const saved = storage.getItem(keyOf(vehicleId));
    if (err instanceof ApiFailure && err.code === 'NETWORK' && saved) return { route: JSON.parse(saved) as VehicleRoute | null, cached: true };
    throw err;
  }
}
