import type { SupplyChannel } from '../../server/contract';

// The Liwan 2021 supply channels besides the planned vans (facts: ../README.md "Sources"; the shared
// liwan-2021/timeline.json and supply-sources.csv). Dates, places, hours and order counts are from the
// record; every kg figure per order or visitor, and every volume the record does not give, is an
// ASSUMPTION, marked as such in the channel's note.

const CRV = 'http://news.southcn.com/nfplus/nftz/content/2021-06/12/content_192543486.htm';
const DONGJIAO = 'https://news.southcn.com/node_17a07e5926/78e8ff87ed.shtml';
const BUSES = 'https://news.southcn.com/node_0373b93ddd/6547732a00.shtml';
const FANGCUN = ['liwan-baihedong', 'liwan-dongjiao', 'liwan-zhongnan', 'liwan-chongkou', 'liwan-huadi', 'liwan-shiweitang', 'liwan-chajiao', 'liwan-hailong', 'liwan-dongsha'];
const CONTROLLED = ['liwan-chongkou', 'liwan-huadi', 'liwan-shiweitang', 'liwan-chajiao', 'liwan-hailong', 'liwan-dongsha'];

/** A basket per order or visitor (ASSUMPTION): 2.5 kg vegetables, 0.5 kg eggs, 0.4 kg meat, 0.1 kg oil (~3.5 kg, a few days for a household). */
const perOrder = (orders: number) => ({
  vegetables: { ordersPerDay: orders, kgPerOrder: 2.5 }, eggs: { ordersPerDay: orders, kgPerOrder: 0.5 },
  meat: { ordersPerDay: orders, kgPerOrder: 0.4 }, oil: { ordersPerDay: orders, kgPerOrder: 0.1 },
});

export const SUPPLY_CHANNELS: SupplyChannel[] = [
  {
    id: 'lw-crv-hailong', districtId: 'liwan', name: '华润万家 海龙街 7个供应点', nameEn: 'China Resources Vanguard, 7 supply points in Hailong',
    kind: 'supply_point', zoneIds: ['liwan-hailong'], capacity: perOrder(7 * 750), opensAt: '08:00', closesAt: '17:00', tiers: [],
    activeFrom: '2021-05-29', activeUntil: '2021-06-24',
    note: `Record: 7 points from 29 May, 08:00–17:00, fed daily from the 中山六路 store, peak 700–800 orders per point a day (${CRV}). ASSUMPTION: 750 orders a point every day, basket 3.5 kg.`,
  },
  {
    id: 'lw-banghua-temp-market', districtId: 'liwan', name: '邦华星际小区 临时超市', nameEn: 'Temporary supermarket, Banghua Xingji car park',
    kind: 'supply_point', zoneIds: ['liwan-hailong'], capacity: perOrder(1500), opensAt: '08:00', closesAt: '17:00', tiers: [],
    activeFrom: '2021-05-29', activeUntil: '2021-06-24',
    note: `Record: about 1,500 visitors a day in batches of 5 (${CRV}). ASSUMPTION: hours as the CRV points, one 3.5 kg basket a visitor.`,
  },
  {
    id: 'lw-dongjiao-mobile-point', districtId: 'liwan', name: '东漖南路 移动肉菜供应点', nameEn: 'Mobile meat & vegetable point, Dongjiao South Road',
    kind: 'supply_point', zoneIds: ['liwan-dongjiao'],
    capacity: { vegetables: { ordersPerDay: 800, kgPerOrder: 2.5 }, meat: { ordersPerDay: 800, kgPerOrder: 0.5 } },
    opensAt: '08:00', closesAt: '18:00', tiers: [], activeFrom: '2021-05-30', activeUntil: '2021-06-24',
    note: `Record: open by 30 May on 东漖南路 (${DONGJIAO}). ASSUMPTION: 800 customers a day, 08:00–18:00. From 3 June 东漖 is sealed: its residents may not walk to a supply point (tier rules), so it counts only while the street is controlled.`,
  },
  {
    id: 'lw-bus-supermarkets', districtId: 'liwan', name: '石围塘街 公交超市 6辆', nameEn: 'Six bus supermarkets, Shiweitang',
    kind: 'supply_point', zoneIds: ['liwan-shiweitang'], capacity: perOrder(6 * 400), opensAt: '09:00', closesAt: '18:00', tiers: [],
    activeFrom: '2021-06-09', activeUntil: '2021-06-24',
    note: `Record: 6 converted buses entered 石围塘 (controlled) on 9 June (${BUSES}). Residents walk to where they park, so they count as a supply point. ASSUMPTION: 400 customers a bus a day. (The demo fleet also holds them as vans lw-bus-01..06 on 3 June; this channel starts on 9 June.)`,
  },
  {
    id: 'lw-platform-gates', districtId: 'liwan', name: '电商平台及社区团购 送至小区门口', nameEn: 'Online platforms and group orders to the compound gate',
    kind: 'platform', zoneIds: FANGCUN,
    capacity: { vegetables: { kgPerDay: 27_000 }, eggs: { kgPerDay: 3_400 }, meat: { kgPerDay: 5_000 }, oil: { kgPerDay: 2_000 } },
    opensAt: '00:00', closesAt: '24:00', tiers: [], activeFrom: '2021-05-30', activeUntil: null,
    note: `Record: online grocers dropped orders contact-free at sealed compounds from 30 May (${DONGJIAO}). ASSUMPTION: about 15 % of Fangcun's daily need (450,000 people), shared by need.`,
  },
  {
    id: 'lw-controlled-shops', districtId: 'liwan', name: '封控区内 限流营业的商店', nameEn: 'Shops trading under flow control inside controlled areas',
    kind: 'supply_point', zoneIds: CONTROLLED,
    capacity: { vegetables: { kgPerDay: 20_000 }, eggs: { kgPerDay: 2_000 }, meat: { kgPerDay: 3_000 }, oil: { kgPerDay: 1_200 } },
    opensAt: '08:00', closesAt: '20:00', tiers: ['controlled'], activeFrom: '2021-06-01', activeUntil: null,
    note: 'Record: controlled areas were "in only", residents could move within the area, and shops inside it kept trading with flow control (No.15/16 annex 3; markets reopened fully on 18 June). A shop allowed to trade inside the area is, for its residents, a supply point inside the area, hence the kind. ASSUMPTION: all volumes (about 7 % of the six controlled streets\' need).',
  },
  {
    id: 'lw-shops-precaution', districtId: 'liwan', name: '防范区 照常营业的商店和市场', nameEn: 'Shops and markets trading as usual in precaution areas',
    kind: 'store', zoneIds: FANGCUN,
    capacity: { vegetables: { kgPerDay: 180_000 }, eggs: { kgPerDay: 22_700 }, meat: { kgPerDay: 33_300 }, oil: { kgPerDay: 13_300 } },
    opensAt: '08:00', closesAt: '21:00', tiers: ['precaution'], activeFrom: '2021-05-29', activeUntil: null,
    note: 'Record: at the precaution levels (No.13 one person per household out for daily necessities; No.15 strict health management; No.21 stay in Fangcun) residents kept shopping, and markets reopened fully on 18 June (No.15/16 annex 3, No.21). The tier rules let precaution residents use shops (kind store); the channel serves a street only on days it is precaution. ASSUMPTION: shops trading as usual can sell a street its whole daily need: capacity = Fangcun\'s full daily need (450,000 people), shared by need among the precaution streets that day.',
  },
];

/** Days of stock at sealing: the built-in defaults (server/domain/household-stock.ts, all ASSUMPTIONS). */
export const HOUSEHOLD_STOCK_DAYS: Record<string, number> = { vegetables: 1, eggs: 5, meat: 2, oil: 20 };
