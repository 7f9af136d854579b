import type { Supplier, SupplyChannel } from '../../contract';
import type { DistrictFilter } from '../ports';

export interface SupplyChannelRepo {
  list(filter?: DistrictFilter): Promise<SupplyChannel[]>;
  get(id: string): Promise<SupplyChannel | null>;
  upsert(channel: SupplyChannel): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** Household stock at sealing, days per commodity (commodities without a row use the built-in default). */
export interface HouseholdStockRepo {
  get(): Promise<Record<string, number>>;
  set(days: Record<string, number>): Promise<void>;
}

export interface SupplierRepo {
  list(filter?: DistrictFilter): Promise<Supplier[]>;
  get(id: string): Promise<Supplier | null>;
  upsert(supplier: Supplier): Promise<void>;
  delete(id: string): Promise<boolean>;
}
