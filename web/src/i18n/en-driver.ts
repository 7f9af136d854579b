import type { zhDriver } from './zh-driver';

/** English text for the driver's phone (spread into en.ts). */
export const enDriver: Record<keyof typeof zhDriver, string> = {
  'driver.handoffByTier': '{tier}: {mode}',
  'driver.recordedKg': 'Delivered (recorded kg)',
  'driver.shortReason': 'Reason for less',
  'short.not_enough_on_van': 'Not enough on the van',
  'short.zone_took_less': 'Zone took less',
  'short.goods_damaged': 'Goods damaged',
  'short.other': 'Other',
  'driver.gps.on': 'Sharing position',
  'driver.gps.off': 'Position not shared',
  'driver.gps.denied': 'No location permission: dispatch cannot see the van',
  'driver.refused.notOnVan': 'This trip did not load "{commodity}": the delivery was not recorded.',
  'driver.refused.overHold': '"{commodity}" is more than is left on the van: check and try again.',
  'driver.refused.position': 'The position is outside the service area: not recorded.',
  'driver.refused.detail': '(server: {message})',
  'driver.stopsOn': 'Stops on {date}',
  'driver.dayOver': "Plan day {date} is over: this is not today's route; the times below were that day's plan.",
  'driver.dayAhead': "Plan day {date} has not begun: the times below are that day's plan.",
};
