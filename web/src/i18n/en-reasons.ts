import type { zhReasons } from './zh-reasons';

/** English text for shortfall reason codes and the what-if (spread into en.ts). */
export const enReasons: Record<keyof typeof zhReasons, string> = {
  'reason.stock_short': 'Stock short',
  'reason.van_capacity': 'Van capacity',
  'reason.cold_van_capacity': 'Cold-van capacity',
  'reason.shift_time': 'Shift time',
  'reason.depot_hours': 'Depot hours',
  'reason.no_cleared_driver': 'No cleared driver',
  'reason.unreachable': 'Unreachable',
  'reason.no_stock': 'No stock',
  'reason.no_van_capacity': 'Van capacity',
  'reason.shift_too_short': 'Shift time',
  'reason.driver_not_cleared': 'Driver not cleared',
  'whatIf.title': 'What if: what would raise the minimum fill',
  'whatIf.stock': 'More stock (stock binds)',
  'whatIf.fleet': 'More vans (vans bind)',
  'whatIf.perTonne': 'per extra tonne: +{pts} points',
  'whatIf.perVanHour': 'per extra van-hour: +{pts} points',
  'whatIf.perVan': 'one more van like {van}: +{pts} points',
  'whatIf.level': 'lowest fill now {pct}% over {n} zones',
  'whatIf.kindVan': 'vans',
  'whatIf.kindColdVan': 'cold-chain vans',
  'whatIf.none': 'No commodity is short',
};
