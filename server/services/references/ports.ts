import type { Commodity, District, Street } from '../../contract';

// Store ports for the reference data: districts, their streets, the commodities and their rations.
// DistrictFilter is the filter every district-scoped list takes.

export interface DistrictFilter {
  districtId?: string;
}

export interface DistrictRepo {
  list(): Promise<District[]>;
  get(id: string): Promise<District | null>;
  upsert(district: District): Promise<void>;
}

export interface StreetRepo {
  list(filter?: DistrictFilter): Promise<Street[]>;
  get(id: string): Promise<Street | null>;
  upsert(street: Street): Promise<void>;
}

export interface CommodityRepo {
  list(): Promise<Commodity[]>;
  upsert(commodity: Commodity): Promise<void>;
}
