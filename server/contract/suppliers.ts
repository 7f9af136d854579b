// Supply sources behind the depots: who delivers what to which depot each day, and the depots' outlook
// (stock rolled forward day by day, days of stock, whom to call). Part of the typed contract (re-exported by contract.ts).

/** `wholesale_market`: e.g. 江南果菜; `enterprise`: a company on the government's supply list; `other`. */
export type SupplierKind = 'wholesale_market' | 'enterprise' | 'other';
export const SUPPLIER_KINDS: readonly SupplierKind[] = ['wholesale_market', 'enterprise', 'other'];

/** One daily delivery of one commodity to one depot. */
export interface SupplierDelivery {
  depotId: string;
  commodityId: string;
  kgPerDay: number;
  /** 'HH:MM' local: when the goods reach the depot on a delivery day. */
  arrivesAt: string;
  /** Whole days between an order and its first delivery (0: the same day). */
  leadTimeDays: number;
}

export interface Supplier {
  id: string;
  /** null: a city-level supplier (scoped like depots: officials read it, coordinators write it). */
  districtId: string | null;
  name: string;
  nameEn: string;
  kind: SupplierKind;
  /** Whom to call: a name and a phone number, or a desk. */
  contact: string;
  deliveries: SupplierDelivery[];
  /** Local days, inclusive; activeUntil null = open-ended. */
  activeFrom: string;
  activeUntil: string | null;
  /** Where the numbers come from, and which of them are assumptions. */
  note: string;
}

export interface SupplierInput extends Omit<Supplier, 'id' | 'nameEn' | 'contact' | 'activeUntil' | 'note' | 'districtId'> {
  id?: string;
  districtId?: string | null;
  nameEn?: string;
  contact?: string;
  activeUntil?: string | null;
  note?: string;
}

export interface DepotOutlookQuery {
  date: string;
  horizonDays?: number;
  districtId?: string;
}

/** Who can bring a commodity to a depot, soonest first. */
export interface SupplierCall {
  supplierId: string;
  name: string;
  nameEn: string;
  contact: string;
  kgPerDay: number;
  leadTimeDays: number;
  /** Delivers this commodity to this depot already (else: delivers it to another depot). */
  deliversHere: boolean;
}

export interface DepotCommodityOutlook {
  /** Stock when the depot opens on each day of the horizon (that morning's arrivals in), rolled forward: stock + inbound − shipped. */
  stockKg: number[];
  inboundKgPerDay: number;
  /** What the vans take from the depot a day (the plans in force; else the latest published plan's loads). */
  shippedKgPerDay: number;
  /** Stock at the start of the first day ÷ (shipped − inbound) a day (null: not drawn down). */
  daysOfStock: number | null;
  /** The first day of the horizon whose start sees less than one day's shipping in stock (null: none). */
  shortOn: string | null;
  /** When short: whom to call (soonest first). */
  call: SupplierCall[];
}

export interface DepotOutlook {
  depotId: string;
  days: string[];
  commodities: Record<string, DepotCommodityOutlook>;
}

export interface SupplierApiRoutes {
  'GET /api/suppliers': { body: never; query: { districtId?: string }; reply: Supplier[] };
  'GET /api/suppliers/:id': { body: never; reply: Supplier };
  'POST /api/suppliers': { body: SupplierInput; reply: Supplier };
  'PUT /api/suppliers/:id': { body: SupplierInput; reply: Supplier };
  'DELETE /api/suppliers/:id': { body: never; reply: { deleted: true } };
  'GET /api/depot-outlook': { body: never; query: DepotOutlookQuery; reply: DepotOutlook[] };
}
