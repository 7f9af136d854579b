import type { User, VehicleTrack } from '../../contract';
import type { Store } from '../ports';
import type { VehicleService } from './vehicle-service';

/**
 * A van's GPS track for one local day. Scope follows the van: coordinators, officials of its
 * district, its own driver (others get NOT_FOUND from the vehicle check). Fixes are written in
 * batches by the live layer, which registers a flush so a track read includes the latest ones.
 */
export function createTrackService(store: Store, vehicles: VehicleService) {
  let flush: () => Promise<void> = async () => {};
  return {
    flushWith(fn: () => Promise<void>) { flush = fn; },
    async get(actor: User, vehicleId: string, date: string): Promise<VehicleTrack> {
      await vehicles.get(actor, vehicleId);
      await flush();
      return { vehicleId, date, points: await store.tracks.track(vehicleId, date) };
    },
  };
}

export type TrackService = ReturnType<typeof createTrackService>;
