// What a household has at home when its zone is sealed, in days of its own daily need per commodity.
//
// ASSUMPTIONS (no survey of Guangzhou households' pantries in 2021 was found); each is a typical purchase
// unit divided by a household's daily need (2.6 people, the rations of data/README.md), then halved because
// on an average day a household is halfway through what it bought:
// - vegetables 1 day: Guangzhou households buy fresh vegetables at the wet market daily or every other day,
//   and from 29 May (Notice No.13) one person per household could still go out each day to buy necessities.
// - eggs 5 days: a tray of 15–30 eggs (0.9–1.8 kg) lasts a household of 2.6 (0.13 kg/day) 7–14 days.
// - meat 2 days: a few days' meat kept in the fridge or freezer.
// - cooking oil 20 days: a 5 L bottle (4.6 kg) lasts 2.6 people at 0.03 kg/day about 59 days.
// A commodity without a figure starts at 0 days. A coordinator may change the figures (household_stock_days).

export const DEFAULT_HOUSEHOLD_STOCK_DAYS: Readonly<Record<string, number>> = {
  vegetables: 1,
  eggs: 5,
  meat: 2,
  oil: 20,
};

/** kg at home at sealing: days of stock × daily need, per commodity of the need map. */
export function householdStockKg(
  dailyNeedKg: Readonly<Record<string, number>>,
  stockDays: Readonly<Record<string, number>> = DEFAULT_HOUSEHOLD_STOCK_DAYS,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [c, need] of Object.entries(dailyNeedKg)) out[c] = need * (stockDays[c] ?? 0);
  return out;
}
