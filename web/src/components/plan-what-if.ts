import type { PlanResult } from '../../../server/contract';
import { h } from '../dom';
import { getLang, localName, t } from '../i18n';
import type { PlanRefs } from '../plans/plan-refs';

/** Level per kg as percentage points: per tonne for stock, per van-hour and per van for the fleet. */
const pts = (x: number): string => {
  const p = x * 100;
  return p >= 1 ? p.toFixed(1) : p >= 0.01 ? p.toFixed(2) : p.toPrecision(2);
};

/**
 * The what-if from the duals: per short commodity, the side that binds at each depot (stock, or
 * vans / cold vans) and what one more tonne, van-hour or van would raise the minimum fill by.
 */
export function planWhatIf(result: PlanResult, refs: PlanRefs): HTMLElement {
  const commodityName = (id: string): string => { const c = refs.commodities.find((x) => x.id === id); return c ? localName(c) : id; };
  const depotName = (id: string): string => { const d = refs.depots.get(id); return d ? localName(d) : id; };
  const vehicleName = (id: string): string => refs.vehicles.get(id)?.name ?? id;
  // The model's level is weighted (it can be below 0 for priority zones); show the plain lowest fill of the zones it holds.
  const fillOf = new Map(result.zones.map((z) => [z.zoneId, z.fillRate]));
  const levelLine = (commodityId: string, zoneIds: string[] | undefined) => {
    const fills = (zoneIds ?? []).map((z) => fillOf.get(z)?.[commodityId]).filter((f): f is number => f !== undefined);
    if (fills.length === 0) return null;
    return h('span', { class: 'muted' }, ` (${t('whatIf.level', { pct: (Math.min(...fills) * 100).toFixed(1), n: fills.length })})`);
  };
  const fleet = result.fleetLimits ?? [];
  const stock = result.supplyLimits.filter((l) => l.levelGainPerKg !== undefined);
  if (stock.length === 0 && fleet.length === 0) return h('div', { class: 'plan-what-if', 'data-testid': 'what-if' }, h('h4', null, t('whatIf.title')), h('p', { class: 'muted' }, t('whatIf.none')));
  return h('div', { class: 'plan-what-if', 'data-testid': 'what-if' },
    h('h4', null, t('whatIf.title')),
    stock.length === 0 ? null : h('div', null, h('h5', null, t('whatIf.stock')), h('ul', { 'data-testid': 'what-if-stock' },
      stock.map((l) => h('li', { 'data-depot-id': l.depotId, 'data-commodity-id': l.commodityId, 'data-gain-per-kg': String(l.levelGainPerKg) },
        h('strong', null, `${depotName(l.depotId)} · ${commodityName(l.commodityId)}`), ' — ',
        t('whatIf.perTonne', { pts: pts((l.levelGainPerKg ?? 0) * 1000) }), levelLine(l.commodityId, l.zoneIds))))),
    fleet.length === 0 ? null : h('div', null, h('h5', null, t('whatIf.fleet')), h('ul', { 'data-testid': 'what-if-fleet' },
      fleet.map((l) => {
        const best = [...l.vans].sort((a, b) => b.levelGainPerVan - a.levelGainPerVan)[0];
        return h('li', { 'data-depot-id': l.depotId, 'data-commodity-id': l.commodityId, 'data-kind': l.kind },
          h('strong', null, `${depotName(l.depotId)} · ${commodityName(l.commodityId)} · ${t(l.kind === 'cold_van' ? 'whatIf.kindColdVan' : 'whatIf.kindVan')}`), ' — ',
          t('whatIf.perVanHour', { pts: pts(l.levelGainPerVanHour) }),
          best ? [getLang() === 'en' ? '; ' : '；', t('whatIf.perVan', { van: vehicleName(best.vehicleId), pts: pts(best.levelGainPerVan) })] : null,
          levelLine(l.commodityId, l.zoneIds));
      }))));
}
