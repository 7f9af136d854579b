import type { Supplier } from '../../server/contract';

// Suppliers behind the Liwan 2021 depots (facts: the shared liwan-2021/supply-sources.csv). The markets, their
// trading hours and volumes are from the record; which depot each one feeds, the daily kg (set to the depot's
// one-day stock of the demo, which the replay restocks each morning), arrival and lead times and the contact
// desks are ASSUMPTIONS, marked as such in each note. No phone numbers were published: contacts name a desk.

const JIANGNAN = 'https://huacheng.gz-cmc.com/pages/2022/12/20/fb0b7d73a7604d3dac754442606fc4a9.html';
const CHATOU = 'http://ecxiaoshu.com/2020/0409/340935.html';
const CRV = 'http://news.southcn.com/nfplus/nftz/content/2021-06/12/content_192543486.htm';
const FROM = '2021-05-21';

export const SUPPLIERS: Supplier[] = [
  {
    id: 'sup-jiangnan', districtId: null, name: '江南果菜批发市场 (交易区)', nameEn: 'Jiangnan Fruit & Vegetable Wholesale Market (trading floor)',
    kind: 'wholesale_market', contact: '江南市场 保供联络组 (demo)',
    deliveries: [
      { depotId: 'gz-jiangnan-market', commodityId: 'vegetables', kgPerDay: 42_000, arrivesAt: '02:30', leadTimeDays: 0 },
      { depotId: 'liwan-lilang-market', commodityId: 'vegetables', kgPerDay: 12_500, arrivesAt: '03:30', leadTimeDays: 0 },
    ],
    activeFrom: FROM, activeUntil: null,
    note: `Record: Guangzhou's largest vegetable hub, about 7,290 t of vegetables a day (2022), trading about 03:00–12:00 (${JIANGNAN}). ASSUMPTION: it refills the supply task's allotment at the market (42 t) and the Lilang market's vegetables (12.5 t) every night, growers' trucks arriving before trading opens; same-day orders.`,
  },
  {
    id: 'sup-chatou-eggs', districtId: null, name: '槎头蛋品批发市场', nameEn: 'Chatou Egg Wholesale Market',
    kind: 'wholesale_market', contact: '槎头蛋品市场 管理处 (demo)',
    deliveries: [
      { depotId: 'gz-chatou-eggs', commodityId: 'eggs', kgPerDay: 4_600, arrivesAt: '03:30', leadTimeDays: 0 },
      { depotId: 'liwan-lilang-market', commodityId: 'eggs', kgPerDay: 1_000, arrivesAt: '04:00', leadTimeDays: 0 },
    ],
    activeFrom: FROM, activeUntil: null,
    note: `Record: egg wholesale next to 江南, supplying the Pearl River Delta's supermarkets and canteens (${CHATOU}). ASSUMPTION: daily volumes equal to the depots' one-day stock, delivered before they open.`,
  },
  {
    id: 'sup-crv-dc', districtId: null, name: '华润万家 配送中心 (保供名单企业)', nameEn: 'CR Vanguard distribution centre (on the supply list)',
    kind: 'enterprise', contact: '华润万家 华南保供专线 (demo)',
    deliveries: [
      { depotId: 'gz-crv-zhongshan6', commodityId: 'vegetables', kgPerDay: 3_500, arrivesAt: '06:00', leadTimeDays: 1 },
      { depotId: 'gz-crv-zhongshan6', commodityId: 'eggs', kgPerDay: 450, arrivesAt: '06:00', leadTimeDays: 1 },
      { depotId: 'gz-crv-zhongshan6', commodityId: 'meat', kgPerDay: 1_600, arrivesAt: '06:00', leadTimeDays: 1 },
      { depotId: 'gz-crv-zhongshan6', commodityId: 'oil', kgPerDay: 900, arrivesAt: '06:00', leadTimeDays: 1 },
    ],
    activeFrom: FROM, activeUntil: null,
    note: `Record: the 中山六路 store fed Hailong's 7 supply points every day (${CRV}). ASSUMPTION: its own distribution centre restocks the store overnight with a day's lead, at the store's one-day stock.`,
  },
  {
    id: 'sup-meat-oil-list', districtId: null, name: '市保供名单 肉类粮油企业 (示意)', nameEn: 'Meat and oil enterprises on the city\'s supply list (illustrative)',
    kind: 'enterprise', contact: '市商务局 保供专班 (demo)',
    deliveries: [
      { depotId: 'liwan-lilang-market', commodityId: 'meat', kgPerDay: 6_800, arrivesAt: '04:00', leadTimeDays: 1 },
      { depotId: 'liwan-lilang-market', commodityId: 'oil', kgPerDay: 2_400, arrivesAt: '04:00', leadTimeDays: 1 },
    ],
    activeFrom: FROM, activeUntil: null,
    note: 'ASSUMPTION: the record names no meat or oil supplier for Liwan; this stands for the enterprises on the city\'s supply list, at the Lilang market\'s one-day stock, ordered a day ahead.',
  },
  {
    id: 'sup-lingnan-group', districtId: 'liwan', name: '岭南集团 (保供名单企业)', nameEn: 'Lingnan Group (on the supply list)',
    kind: 'enterprise', contact: '岭南集团 荔湾保供点 值班室 (demo)',
    deliveries: [
      { depotId: 'liwan-lingnan-supply', commodityId: 'vegetables', kgPerDay: 2_500, arrivesAt: '05:00', leadTimeDays: 1 },
      { depotId: 'liwan-lingnan-supply', commodityId: 'meat', kgPerDay: 2_400, arrivesAt: '05:00', leadTimeDays: 1 },
      { depotId: 'liwan-lingnan-supply', commodityId: 'oil', kgPerDay: 1_200, arrivesAt: '05:00', leadTimeDays: 1 },
    ],
    activeFrom: FROM, activeUntil: null,
    note: 'ASSUMPTION: the state-owned group stocks its own Liwan supply point (a demo depot) at its one-day stock, ordered a day ahead, arriving before it opens.',
  },
];
