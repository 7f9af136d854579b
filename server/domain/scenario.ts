import type { Commodity, Depot, District, HandoffPoint, Staff, Street, Supplier, SupplyChannel, User, Vehicle, Zone } from '../contract';

/** A user of a demo scenario; the seed hashes the password. */
export type ScenarioUser = User & { password: string };

/** The file format of data/<scenario>/scenario.json: everything the seed writes. */
export interface Scenario {
  id: string;
  name: string;
  nameEn: string;
  /** The day the scenario describes (zones' sealedAt are on or before it). */
  date: string;
  districts: District[];
  streets: Street[];
  zones: Omit<Zone, 'updatedAt'>[];
  handoffPoints: HandoffPoint[];
  commodities: Commodity[];
  depots: Depot[];
  vehicles: Vehicle[];
  staff: Staff[];
  users: ScenarioUser[];
  /** Supply channels besides the planned vans (optional: older scenario files have none). */
  supplyChannels?: SupplyChannel[];
  /** Household stock at sealing, days per commodity (absent: the built-in defaults). */
  householdStockDays?: Record<string, number>;
  /** Suppliers behind the depots (optional: older scenario files have none). */
  suppliers?: Supplier[];
}
