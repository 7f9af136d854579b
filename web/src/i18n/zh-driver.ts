/** Chinese text for the driver's phone: handoff by tier, recorded kilos, refusals, position sharing (spread into zh.ts). */
export const zhDriver = {
  'driver.handoffByTier': '{tier}：{mode}',
  'driver.recordedKg': '已交付（记录数量）',
  'driver.shortReason': '少交原因',
  'short.not_enough_on_van': '车上货不够',
  'short.zone_took_less': '小区少收',
  'short.goods_damaged': '货物损坏',
  'short.other': '其他',
  'driver.gps.on': '正在共享位置',
  'driver.gps.off': '位置未共享',
  'driver.gps.denied': '未获定位权限：调度看不到车辆位置',
  'driver.refused.notOnVan': '本车这一趟没有装“{commodity}”，不能记录交付。',
  'driver.refused.overHold': '“{commodity}”超过车上剩余数量，请核对后重试。',
  'driver.refused.position': '定位不在服务范围内，未记录。',
  'driver.refused.detail': '（服务器：{message}）',
} as const;
