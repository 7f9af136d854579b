import type { Supplier, SupplierInput, User } from '../../contract';
import { createCrudService } from '../crud-service';
import { AppError } from '../errors';
import type { Store } from '../ports';
import { depotRef, districtRef } from '../references';
import { canReadDistrictOrCity, listDistrict } from '../scope';

/**
 * Suppliers behind the depots, scoped like depots: a coordinator reads and writes all; an official reads their
 * district's and the city-level ones, writes their district's, delivering to depots they can read.
 */
export function createSupplierService(store: Store, now: () => Date) {
  const invalid = (field: string, message: string): AppError => new AppError('VALIDATION', `${field}: ${message}`, field);

  const crud = createCrudService<Supplier, SupplierInput>(store, now, {
    entity: 'supplier',
    repo: (s) => s.suppliers,
    canRead: (actor, s) => canReadDistrictOrCity(actor, s.districtId),
    districtOf: (s) => s.districtId,
    async build(actor, input, id, tx) {
      const districtId = input.districtId ?? null;
      if (districtId) await districtRef(tx, actor, districtId, 'body.districtId');
      if (input.activeUntil && input.activeUntil < input.activeFrom) {
        throw invalid('body.activeUntil', `ends (${input.activeUntil}) before it starts (${input.activeFrom})`);
      }
      const commodities = new Set((await tx.commodities.list()).map((c) => c.id));
      const seen = new Set<string>();
      for (const [i, d] of input.deliveries.entries()) {
        const at = `body.deliveries.${i}`;
        // Unknown and unreadable depots get the same answer (depotRef), so the reply reveals nothing.
        await depotRef(tx, actor, d.depotId, `${at}.depotId`);
        if (!commodities.has(d.commodityId)) throw invalid(`${at}.commodityId`, `unknown commodity "${d.commodityId}"`);
        const key = `${d.depotId}\u0000${d.commodityId}`;
        if (seen.has(key)) throw invalid(`${at}.commodityId`, `"${d.commodityId}" to depot "${d.depotId}" is listed twice`);
        seen.add(key);
      }
      return {
        id, districtId, name: input.name, nameEn: input.nameEn ?? '', kind: input.kind, contact: input.contact ?? '',
        deliveries: input.deliveries.map((d) => ({ ...d })), activeFrom: input.activeFrom, activeUntil: input.activeUntil ?? null, note: input.note ?? '',
      };
    },
  });

  return {
    ...crud,
    async list(actor: User, districtId?: string): Promise<Supplier[]> {
      const own = listDistrict(actor, districtId);
      const all = await store.suppliers.list();
      // Officials also see the city-level suppliers (no district) that feed the depots they draw on.
      return all.filter((s) => (own === undefined ? true : s.districtId === own || (actor.role !== 'coordinator' && s.districtId === null)));
    },
  };
}

export type SupplierService = ReturnType<typeof createSupplierService>;
