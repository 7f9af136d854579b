import type { ExcludedVehicle, Shortfall, ShortfallCode } from '../contract';

// Human-readable reasons, Chinese and English, built from machine-readable facts only.

export interface Names {
  commodity: (id: string) => { zh: string; en: string };
  depot: (id: string) => { zh: string; en: string };
  vehicle: (id: string) => string;
}

const list = (xs: string[]) => xs.join('、');
const listEn = (xs: string[]) => xs.join(', ');

export function shortfall(code: ShortfallCode, names: Names, commodityId: string | null, depotIds: string[] = [], vehicleIds: string[] = []): Shortfall {
  const c = commodityId ? names.commodity(commodityId) : { zh: '物资', en: 'goods' };
  const dZh = list(depotIds.map((d) => names.depot(d).zh));
  const dEn = listEn(depotIds.map((d) => names.depot(d).en));
  const vans = listEn(vehicleIds.map(names.vehicle));
  const dZhOr = dZh || '仓库';
  const dEnOr = dEn || 'the depot';
  const vansZh = vans ? `（${vans}）` : '';
  const vansEn = vans ? ` (${vans})` : '';
  const texts: Record<ShortfallCode, [string, string]> = {
    stock_short: [`${c.zh}库存不足：${dZh}的库存已全部分配`, `${c.en} stock is short: all stock at ${dEn} is already shared out`],
    van_capacity: [`运力不足：${dZhOr}的车辆${vansZh}运不完${c.zh}，库存尚有剩余`, `van capacity: the vans at ${dEnOr}${vansEn} cannot haul all the ${c.en}; stock is left`],
    cold_van_capacity: [`冷链运力不足：${dZhOr}的冷链车${vansZh}运不完${c.zh}，库存尚有剩余`, `cold-chain van capacity: the cold vans at ${dEnOr}${vansEn} cannot haul all the ${c.en}; stock is left`],
    shift_time: [`班次时间不足：${dZhOr}的车辆无法在班次内送达${c.zh}`, `shift time: no van from ${dEnOr} can deliver the ${c.en} within its shift`],
    depot_hours: [`仓库营业时间限制：${dZhOr}关门后无法再装车送${c.zh}`, `depot hours: ${dEnOr} closes before a van can load the ${c.en}`],
    no_cleared_driver: [`无合格司机：${dZhOr}有${c.zh}库存，但车辆${vansZh}的司机未配或健康检测过期`, `no cleared driver: ${dEnOr} holds ${c.en} but its vans${vansEn} have no driver or the driver's health check lapses`],
    unreachable: [`附近仓库没有${c.zh}库存`, `unreachable: no depot within the zone's reach holds ${c.en}`],
    // Legacy codes, still worded for plans stored before the reasons came from the model.
    no_stock: [`附近仓库没有${c.zh}库存`, `no stock of ${c.en} at the zone's nearest depots`],
    no_van_capacity: [`运力不足：${dZhOr}的车辆装不下全部${c.zh}`, `no van capacity: the vans at ${dEnOr} cannot carry all the ${c.en}`],
    shift_too_short: [`班次时间不足：车辆无法在班次内送达${c.zh}`, `shift too short: no van can deliver the ${c.en} within its shift`],
    driver_not_cleared: [`司机健康检测过期，车辆停用：${vans}`, `driver not cleared (health check lapses before the shift ends), van idle: ${vans}`],
  };
  const [zh, en] = texts[code];
  return { code, commodityId, depotIds, vehicleIds, zh, en };
}

export function excludedVehicle(vehicleId: string, reason: ExcludedVehicle['reason'], names: Names): ExcludedVehicle {
  const v = names.vehicle(vehicleId);
  return reason === 'no_driver'
    ? { vehicleId, reason, zh: `${v}未配司机`, en: `${v} has no driver` }
    : { vehicleId, reason, zh: `${v}的司机健康检测在班次结束前过期`, en: `${v}'s driver's health check lapses before the shift ends` };
}
