import type { User } from '../../contract';
import type { Disinfection, DisinfectionInput } from '../../contract/requests';
import { writeAudited } from '../audit';
import type { VehicleService } from './vehicle-service';
import type { Store } from '../ports';

/** Vans' disinfection log: whoever may see the van (its driver included) records and reads it. */
export function createDisinfectionService(store: Store, now: () => Date, vehicles: VehicleService) {
  return {
    async record(actor: User, vehicleId: string, input: DisinfectionInput): Promise<Disinfection> {
      await vehicles.readable(actor, vehicleId);
      return writeAudited(store, actor, now, async (tx) => {
        const entry = await tx.disinfections.insert({ ...input, vehicleId, recordedBy: actor.id, recordedAt: now().toISOString() });
        return { result: entry, audit: { action: 'vehicle.disinfect', entity: 'vehicle', entityId: vehicleId, detail: { id: entry.id, method: input.method } } };
      });
    },
    async list(actor: User, vehicleId: string): Promise<Disinfection[]> {
      await vehicles.readable(actor, vehicleId);
      return store.disinfections.list(vehicleId);
    },
  };
}
