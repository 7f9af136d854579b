import type { Supplier, SupplyChannel } from '../../contract';

// The filter is spelled out, not imported from ../ports: that file's Store aggregate imports this one.
export interface SupplyChannelRepo {
  list(filter?: { districtId?: string }): Promise<SupplyChannel[]>;
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
  list(filter?: { districtId?: string }): Promise<Supplier[]>;
  get(id: string): Promise<Supplier | null>;
  upsert(supplier: Supplier): Promise<void>;
  delete(id: string): Promise<boolean>;
}
