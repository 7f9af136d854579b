// The coordinator's morning on a replay day, over the HTTP API: the day's sealing and lifting, drivers'
// health checks renewed, depots restocked (short of eggs on the scheduled day), yesterday's alerts
// handled, and residents' requests filed through the public intake.
import type { Alert, Depot, RequestCategory, Staff, Zone, ZoneInput } from '../../server/contract';
import { instantOf } from '../../server/domain/local-time';
import { http } from '../live-client';
import type { ReplayContext } from './context';
import { mulberry32 } from '../gen-city';
import { choose } from './failures';
import { isShort } from './street-days';
import { tierOn } from './timeline';

const STRICT = new Set(['sealed', 'controlled']);

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Puts every zone under the day's tier; returns the zones that became sealed or controlled today by
 * the timeline (not by the seeded state, which is the scenario's own day), each with the instant the
 * server recorded the change (its clock), or null when the server already had that tier.
 */
export async function applyTiers(ctx: ReplayContext, date: string): Promise<Map<string, string | null>> {
  const newlyStrict = [...ctx.zones.keys()].filter((id) => {
    const today = tierOn(ctx.timeline, date, id);
    const yesterday = tierOn(ctx.timeline, dayBefore(date), id);
    return today !== null && STRICT.has(today) && !(yesterday !== null && STRICT.has(yesterday));
  });
  const changedAt = new Map<string, string | null>(newlyStrict.map((id) => [id, null]));
  const nowIso = new Date(ctx.clock.now()).toISOString();
  for (const zone of ctx.zones.values()) {
    const tier = tierOn(ctx.timeline, date, zone.id);
    const status = tier === null ? 'lifted' : 'active';
    // The homes' stock is followed from the start of a street's restriction, whatever its tier (cover-days.ts), and
    // so is the server's projection, from sealedAt: a street restricted yesterday keeps it (as the server does when
    // a tier changes), one restricted from today (or the replay's first day) takes this instant.
    const followed = ctx.homeStockKg.has(zone.id);
    if (zone.status === status && (tier === null || (zone.tier === tier && followed))) continue;
    const input: ZoneInput = {
      districtId: zone.districtId, streetId: zone.streetId, name: zone.name, nameEn: zone.nameEn, tier: tier ?? zone.tier, status,
      population: zone.population, populationEstimated: zone.populationEstimated, households: zone.households,
      specialNeeds: zone.specialNeeds, polygon: zone.polygon,
      sealedAt: status === 'active' ? (followed ? zone.sealedAt : nowIso) : zone.sealedAt,
      liftedAt: status === 'lifted' ? nowIso : null,
    };
    const res = await http<Zone>(ctx.base, 'PUT', `/api/zones/${zone.id}`, ctx.coordToken, input);
    if (res.status >= 300) throw new Error(`${date}: zone ${zone.id} update refused: ${res.error?.message}`);
    ctx.zones.set(zone.id, res.data);
    if (changedAt.has(zone.id)) changedAt.set(zone.id, res.data.updatedAt);
  }
  return changedAt;
}

/** Drivers were tested every day or two in 2021: a check valid to the end of tomorrow keeps every van usable. */
export async function renewHealthChecks(ctx: ReplayContext, date: string): Promise<void> {
  const staff = (await http<Staff[]>(ctx.base, 'GET', '/api/staff', ctx.coordToken)).data;
  const until = new Date(instantOf(date, 2 * 86_400 - 1, ctx.utcOffset)).toISOString();
  for (const s of staff.filter((x) => x.role === 'driver' && x.healthCheckValidUntil < until)) {
    const { id, ...rest } = s;
    const res = await http(ctx.base, 'PUT', `/api/staff/${id}`, ctx.coordToken, { ...rest, healthCheckValidUntil: until });
    if (res.status >= 300) throw new Error(`${date}: staff ${id} update refused: ${res.error?.message}`);
  }
}

/** One day's stock at every depot; on the eggs-short day one egg-holding depot keeps a fraction of its eggs. */
export async function restock(ctx: ReplayContext, date: string): Promise<{ depots: { id: string; stockKg: Record<string, number> }[]; note: string | null }> {
  let note: string | null = null;
  const short = ctx.failures.eggsShort?.date === date ? ctx.failures.eggsShort : null;
  const eggDepots = ctx.depots.filter((d) => (ctx.baselineStock.get(d.id)?.eggs ?? 0) > 0).sort((a, b) => a.id.localeCompare(b.id));
  const shortDepot = short ? choose(eggDepots, short.pick) : undefined;
  const depots: { id: string; stockKg: Record<string, number> }[] = [];
  for (const depot of ctx.depots) {
    const stockKg = { ...(ctx.baselineStock.get(depot.id) ?? {}) };
    if (shortDepot?.id === depot.id) {
      const before = stockKg.eggs ?? 0;
      stockKg.eggs = Math.round(before * short!.fraction);
      note = `eggs short at ${depot.id}: ${stockKg.eggs} of ${before} kg`;
    }
    depots.push({ id: depot.id, stockKg });
    const res = await http<Depot>(ctx.base, 'PUT', `/api/depots/${depot.id}/stock`, ctx.coordToken, { stockKg });
    if (res.status >= 300) throw new Error(`${date}: stock of ${depot.id} refused: ${res.error?.message}`);
  }
  return { depots, note };
}

/** Yesterday's alerts: closed where the zone was covered for a day, acknowledged (owned) otherwise. */
export async function handleAlerts(ctx: ReplayContext): Promise<void> {
  const open = (await http<Alert[]>(ctx.base, 'GET', '/api/alerts', ctx.coordToken)).data.filter((a) => a.state !== 'closed');
  for (const alert of open) {
    const cover = ctx.lastCover.get(alert.zoneId);
    const zone = ctx.zones.get(alert.zoneId);
    if (zone?.status === 'lifted' || (cover !== undefined && cover !== null && cover >= 1)) {
      await http(ctx.base, 'POST', `/api/alerts/${alert.id}/close`, ctx.coordToken, { note: zone?.status === 'lifted' ? '已解封 zone lifted' : '已补供 resupplied: a full day delivered' });
    } else if (alert.state === 'open') {
      await http(ctx.base, 'POST', `/api/alerts/${alert.id}/ack`, ctx.coordToken);
    }
  }
}

const CATEGORIES: RequestCategory[] = ['medicine', 'elderly_disabled_care', 'special_diet', 'infant_needs', 'other'];

/**
 * Residents' requests through the public intake: about one per 20,000 people a day, plus food-shortage
 * reports for the commodity a zone ran short of yesterday. Seeded per day, so a re-run files the same.
 */
export async function fileRequests(ctx: ReplayContext, date: string): Promise<{ filed: number; refused: number }> {
  const rng = mulberry32(ctx.seed * 7919 + Number(date.replaceAll('-', '')));
  let filed = 0;
  let refused = 0;
  for (const zone of [...ctx.zones.values()].filter((z) => z.status === 'active')) {
    const cover = ctx.lastCover.get(zone.id);
    const base = Math.max(1, Math.round(zone.population / 20_000));
    const short = isShort(cover ?? null) ? 3 : 0;
    for (let i = 0; i < base + short; i++) {
      const food = i >= base;
      const body = {
        category: food ? 'food_shortage' : choose(CATEGORIES, rng())!,
        ...(food ? { commodityId: choose(ctx.commodities.map((c) => c.id), rng()) } : {}),
        building: `${1 + Math.floor(rng() * 40)}栋 ${1 + Math.floor(rng() * 4)}单元`,
        contact: `138${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`,
        text: food ? `${date} 家里没菜了 (replay ${i})` : `${date} 需要帮助 (replay ${i})`,
      };
      const res = await fetch(`${ctx.base}/api/public/zones/${zone.id}/requests`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-device-id': `replay-${date}-${zone.id}-${i}` }, body: JSON.stringify(body),
      });
      if (res.status < 300) filed += 1; else refused += 1;
    }
  }
  return { filed, refused };
}
