import type { Supplier, SupplierCall } from '../contract';

// Depot stock rolled forward day by day: stock at the start of a day = max(0, the day before's start +
// what suppliers brought that day − what the vans took that day). Pure: the service reads the records.

export type KgByCommodity = Record<string, number>;

export interface DayFlow {
  inboundKg: KgByCommodity;
  shippedKg: KgByCommodity;
}

/**
 * Stock at the start of each day, the first being `startKg`: starts[i + 1] = max(0, starts[i] + inbound[i] −
 * shipped[i]) per commodity (a commodity seen only in the flows starts at 0). Returns flows.length + 1 entries.
 */
export function rollDepotStock(startKg: KgByCommodity, flows: readonly DayFlow[]): KgByCommodity[] {
  const out: KgByCommodity[] = [{ ...startKg }];
  for (const flow of flows) {
    const prev = out.at(-1)!;
    const next: KgByCommodity = {};
    for (const c of new Set([...Object.keys(prev), ...Object.keys(flow.inboundKg), ...Object.keys(flow.shippedKg)])) {
      next[c] = Math.max(0, (prev[c] ?? 0) + (flow.inboundKg[c] ?? 0) - (flow.shippedKg[c] ?? 0));
    }
    out.push(next);
  }
  return out;
}

/** A day at a depot seen from its opening: what arrives after it opens, what the vans take, and what arrives before the next day's opening. */
export interface OpeningFlow {
  lateKg: KgByCommodity;
  shippedKg: KgByCommodity;
  nextEarlyKg: KgByCommodity;
}

/**
 * Stock when the depot opens, day by day, the first being `openingKg`: open[i + 1] = max(0, open[i] + late[i] −
 * shipped[i]) + the next day's early arrivals. A plan loads its vans from the opening stock, so a day is short
 * when its opening stock is below its draw (the morning's delivery counts, tonight's does not).
 */
export function rollAtOpening(openingKg: KgByCommodity, flows: readonly OpeningFlow[]): KgByCommodity[] {
  const out: KgByCommodity[] = [{ ...openingKg }];
  for (const f of flows) {
    const [, closed] = rollDepotStock(out.at(-1)!, [{ inboundKg: f.lateKg, shippedKg: f.shippedKg }]);
    const next: KgByCommodity = { ...closed };
    for (const [c, kg] of Object.entries(f.nextEarlyKg)) next[c] = (next[c] ?? 0) + kg;
    out.push(next);
  }
  return out;
}

const active = (s: Pick<Supplier, 'activeFrom' | 'activeUntil'>, day: string): boolean =>
  s.activeFrom <= day && (s.activeUntil === null || day <= s.activeUntil);

/**
 * What the suppliers bring to a depot on a local day, per commodity. `arrivingAfter` / `arrivingBy` ('HH:MM')
 * keep only deliveries arriving after / by that time (today: only what is still to come; the plan's day: only
 * what is there before the vans load).
 */
export function inboundOn(suppliers: readonly Supplier[], depotId: string, day: string,
  window: { arrivingAfter?: string; arrivingBy?: string } = {}): KgByCommodity {
  const out: KgByCommodity = {};
  for (const s of suppliers) {
    if (!active(s, day)) continue;
    for (const d of s.deliveries) {
      if (d.depotId !== depotId) continue;
      if (window.arrivingAfter !== undefined && d.arrivesAt <= window.arrivingAfter) continue;
      if (window.arrivingBy !== undefined && d.arrivesAt > window.arrivingBy) continue;
      out[d.commodityId] = (out[d.commodityId] ?? 0) + d.kgPerDay;
    }
  }
  return out;
}

/**
 * Whom to call for a commodity at a depot: suppliers active on `day` that deliver it, those already
 * delivering to this depot first, then by lead time, then by daily volume (largest first).
 */
export function suppliersToCall(suppliers: readonly Supplier[], depotId: string, commodityId: string, day: string): SupplierCall[] {
  const calls: SupplierCall[] = [];
  for (const s of suppliers) {
    if (!active(s, day)) continue;
    const own = s.deliveries.filter((d) => d.commodityId === commodityId);
    if (own.length === 0) continue;
    const here = own.find((d) => d.depotId === depotId);
    const pick = here ?? own.reduce((a, b) => (b.leadTimeDays < a.leadTimeDays ? b : a));
    calls.push({ supplierId: s.id, name: s.name, nameEn: s.nameEn, contact: s.contact, kgPerDay: pick.kgPerDay, leadTimeDays: pick.leadTimeDays, deliversHere: !!here });
  }
  return calls.sort((a, b) => Number(b.deliversHere) - Number(a.deliversHere) || a.leadTimeDays - b.leadTimeDays || b.kgPerDay - a.kgPerDay || a.supplierId.localeCompare(b.supplierId));
}

/**
 * Days the stock lasts while the depot is drawn down: stock ÷ (shipped − inbound) a day. null when it is not
 * drawn down (nothing shipped, or the suppliers bring at least what the vans take).
 */
export function daysOfStock(stockKg: number, inboundKgPerDay: number, shippedKgPerDay: number): number | null {
  const net = shippedKgPerDay - inboundKgPerDay;
  return net <= 0 ? null : stockKg / net;
}
