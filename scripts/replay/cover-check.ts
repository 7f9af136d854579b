// The replay record's days of cover checked against their definition (issue 17), street-day by street-day:
//   stockKg[c] = max(0, the day before's stockKg[c] (household stock × need when newly under control)
//                        + Σ channels' suppliedKg[c] − needKg[c])
//   coverDays[c] = stockKg[c] ÷ needKg[c]
// Pure. It also counts what it actually visited, so a test can insist that the recursion was exercised
// (a street-day carried from the day before, with supply) rather than passing over nothing.
import type { ReplayRecord } from './records';
import { isShort } from './street-days';

export interface CoverCheck {
  /** One line per street-day × commodity whose figures do not follow from the definition. */
  errors: string[];
  /** Street-day × commodity pairs checked. */
  checked: number;
  /** …of which carried from a previous day's stock (not a new sealing) and with positive supply that day. */
  carriedWithSupply: number;
  /** …of which the previous day's stock was positive (so max(0, …) did not hide the carry). */
  carriedPositive: number;
}

const TOLERANCE_KG = 1e-3;

export function checkCoverRecursion(record: Pick<ReplayRecord, 'days' | 'householdStockDays'>): CoverCheck {
  const out: CoverCheck = { errors: [], checked: 0, carriedWithSupply: 0, carriedPositive: 0 };
  record.days.forEach((day, i) => {
    for (const s of day.streets.filter((x) => x.tier !== null)) {
      const before = i > 0 ? record.days[i - 1]!.streets.find((x) => x.zoneId === s.zoneId && x.tier !== null) : undefined;
      for (const [c, need] of Object.entries(s.needKg)) {
        if (!(need > 0)) continue;
        const prev = before ? before.stockKg[c] ?? 0 : need * (record.householdStockDays[c] ?? 0);
        const supplied = Object.values(s.suppliedKgByChannel).reduce((a, kg) => a + (kg[c] ?? 0), 0);
        const stock = Math.max(0, prev + supplied - need);
        const at = `${day.date} ${s.zoneId} ${c}`;
        if (!(Math.abs((s.stockKg[c] ?? NaN) - stock) <= TOLERANCE_KG * Math.max(1, stock))) out.errors.push(`${at}: stockKg ${s.stockKg[c]} ≠ max(0, ${prev} + ${supplied} − ${need}) = ${stock}`);
        const cover = s.coverDays[c];
        if (cover === null || cover === undefined || !(Math.abs(cover - stock / need) <= 1e-6 * Math.max(1, stock / need))) out.errors.push(`${at}: coverDays ${cover} ≠ ${stock} ÷ ${need}`);
        out.checked++;
        if (before && supplied > 0) out.carriedWithSupply++;
        if (before && prev > 0) out.carriedPositive++;
      }
    }
  });
  return out;
}

/** Street-days below one day of cover on a day whose supply over every channel sufficed. */
export function shortWhileSufficient(record: Pick<ReplayRecord, 'days'>): string[] {
  return record.days.filter((d) => d.sufficiency?.sufficient)
    .flatMap((d) => d.streets.filter((s) => isShort(s.minCover)).map((s) => `${d.date} ${s.zoneId} ${s.minCover}`));
}

/**
 * Street-days whose cover the server's projection (serverCoverDays, GET /api/cover that evening) puts elsewhere than
 * the replay's own accounting, by more than `toleranceDays` (the API rounds to 0.01): the server plans for the homes
 * it projects, so the two must be one rule over the same handoffs.
 */
export function serverDisagreements(record: Pick<ReplayRecord, 'days'>, toleranceDays = 0.02): string[] {
  const out: string[] = [];
  for (const d of record.days) for (const s of d.streets.filter((x) => x.tier !== null && x.serverCoverDays)) {
    for (const [c, own] of Object.entries(s.coverDays)) {
      const server = s.serverCoverDays![c];
      if (own === null || server === null || server === undefined) continue;
      if (Math.abs(server - own) > toleranceDays) out.push(`${d.date} ${s.zoneId} ${c}: replay ${own.toFixed(3)}, server ${server}`);
    }
  }
  return out;
}
