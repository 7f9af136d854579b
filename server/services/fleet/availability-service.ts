import type { User, VehicleAvailability, VehicleAvailabilityInput } from '../../contract';
import { writeAudited } from '../audit';
import { notFound } from '../errors';
import type { Store } from '../ports';
import { assertCanWriteDistrict, canReadDistrict, listDistrict } from '../scope';

/** Vans' availability (可用 / 故障停驶): listed per van, set by the coordinators and the van's district; audited. */
export function createAvailabilityService(store: Store, now: () => Date) {
  const available = (vehicleId: string): VehicleAvailability => ({ vehicleId, status: 'available', note: '', updatedAt: null, updatedBy: null });

  return {
    async list(actor: User, districtId?: string): Promise<VehicleAvailability[]> {
      const vans = await store.vehicles.list({ districtId: listDistrict(actor, districtId) });
      const stored = new Map((await store.vehicleAvailability.list()).map((a) => [a.vehicleId, a]));
      return vans.map((v) => stored.get(v.id) ?? available(v.id));
    },

    set: (actor: User, vehicleId: string, input: VehicleAvailabilityInput) =>
      writeAudited(store, actor, now, async (tx) => {
        const van = await tx.vehicles.get(vehicleId);
        if (!van || !canReadDistrict(actor, van.districtId)) throw notFound('vehicle', vehicleId);
        assertCanWriteDistrict(actor, van.districtId, 'vehicleId');
        const row: VehicleAvailability = { vehicleId, status: input.status, note: input.note ?? '', updatedAt: now().toISOString(), updatedBy: actor.id };
        await tx.vehicleAvailability.upsert(row);
        return { result: row, audit: { action: 'vehicle.availability', entity: 'vehicle', entityId: vehicleId, detail: input } };
      }),

    /** Vans marked broken down: left out of new plans. */
    async brokenDown(): Promise<Map<string, string>> {
      return new Map((await store.vehicleAvailability.list()).filter((a) => a.status === 'broken_down').map((a) => [a.vehicleId, a.note]));
    },
  };
}
