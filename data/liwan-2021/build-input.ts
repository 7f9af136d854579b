import type { Depot, District, LngLat, PolygonGeometry } from '../../server/contract';

// Facts and demo choices for the Liwan 2021 scenario. Sources: ../README.md. Positions are
// approximate street centres (about 1–1.5 km), not survey data; polygons are generated from them.

export const DISTRICT: District = {
  id: 'liwan', name: '荔湾区', nameEn: 'Liwan', city: '广州', bbox: [113.17, 23.03, 113.28, 23.17],
};

/** [statsCode, nameZh, pinyin] for the 22 streets; the first 13 are the northern (Xiguan) part. */
export const STREETS: [string, string, string][] = [
  ['440103001000', '沙面街道', 'Shamian'], ['440103002000', '岭南街道', 'Lingnan'],
  ['440103003000', '华林街道', 'Hualin'], ['440103004000', '多宝街道', 'Duobao'],
  ['440103005000', '昌华街道', 'Changhua'], ['440103006000', '逢源街道', 'Fengyuan'],
  ['440103007000', '龙津街道', 'Longjin'], ['440103008000', '金花街道', 'Jinhua'],
  ['440103009000', '彩虹街道', 'Caihong'], ['440103010000', '南源街道', 'Nanyuan'],
  ['440103011000', '西村街道', 'Xicun'], ['440103012000', '站前街道', 'Zhanqian'],
  ['440103013000', '桥中街道', 'Qiaozhong'], ['440103014000', '白鹤洞街道', 'Baihedong'],
  ['440103015000', '冲口街道', 'Chongkou'], ['440103016000', '花地街道', 'Huadi'],
  ['440103017000', '石围塘街道', 'Shiweitang'], ['440103018000', '茶滘街道', 'Chajiao'],
  ['440103019000', '东漖街道', 'Dongjiao'], ['440103020000', '海龙街道', 'Hailong'],
  ['440103021000', '东沙街道', 'Dongsha'], ['440103022000', '中南街道', 'Zhongnan'],
];

export interface ZoneSpec {
  pinyin: string;
  centre: LngLat;
  /** Official where the notices give it, otherwise our estimate of the street's land area. */
  targetAreaKm2: number;
  population: number;
  populationEstimated: boolean;
  tier: 'sealed' | 'controlled';
  /** First day of the unbroken run at controlled-or-stricter that is still in force on 3 June. */
  lockedSince: string;
  /** Gate name and offset from the centre in degrees [dLng, dLat]; nudged inside if needed. */
  handoffs: [string, number, number][];
}

export const ZONES: ZoneSpec[] = [
  { pinyin: 'Baihedong', centre: [113.2385, 23.08], targetAreaKm2: 3.1, population: 74442, populationEstimated: false,
    tier: 'sealed', lockedSince: '2021-05-31',
    handoffs: [['鹤园小区 东门', 0.003, -0.003], ['观鹤小区 北门', -0.002, 0.002], ['白鹤洞社区服务中心', 0.0005, 0.0005]] },
  { pinyin: 'Dongjiao', centre: [113.225, 23.092], targetAreaKm2: 4.4, population: 63997, populationEstimated: false,
    tier: 'sealed', lockedSince: '2021-06-01',
    handoffs: [['东漖南路 移动肉菜点', 0.001, -0.004], ['东漖北社区 正门', -0.003, 0.002], ['裕安围 小区门', -0.006, -0.002]] },
  { pinyin: 'Zhongnan', centre: [113.215, 23.06], targetAreaKm2: 7, population: 8300, populationEstimated: false,
    tier: 'sealed', lockedSince: '2021-05-31',
    handoffs: [['海南村 经济联社门口', 0.002, 0.002], ['中南街 社区服务站', -0.003, -0.002]] },
  { pinyin: 'Chongkou', centre: [113.245, 23.098], targetAreaKm2: 3.3, population: 60000, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-01',
    handoffs: [['芳村站 B口 临时供应点', -0.002, 0.003], ['冲口社区 正门', 0.002, -0.002]] },
  { pinyin: 'Huadi', centre: [113.238, 23.09], targetAreaKm2: 2.6, population: 55000, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-03',
    handoffs: [['花地湾站 旁 供应点', -0.001, 0], ['花地社区 正门', 0.002, 0.001]] },
  { pinyin: 'Shiweitang', centre: [113.233, 23.115], targetAreaKm2: 4.5, population: 55000, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-03',
    handoffs: [['石围塘街 公交超市停靠点', 0.001, -0.002], ['如意坊 小区门', 0.003, 0.003]] },
  { pinyin: 'Chajiao', centre: [113.227, 23.104], targetAreaKm2: 2.6, population: 45000, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-03',
    handoffs: [['茶滘市场 门口', 0.001, 0.001], ['茶滘社区 正门', -0.003, -0.001]] },
  { pinyin: 'Hailong', centre: [113.205, 23.078], targetAreaKm2: 8, population: 50000, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-01',
    handoffs: [['邦华星际小区 架空层', 0.003, 0.003], ['龙溪 华润万家供应点', -0.003, 0.002], ['海北 华润万家供应点', 0.002, -0.004]] },
  // 东沙: the only published figure (37,970) is from the 2010 census, so it is flagged as an estimate.
  { pinyin: 'Dongsha', centre: [113.25, 23.07], targetAreaKm2: 5.64, population: 37970, populationEstimated: true,
    tier: 'controlled', lockedSince: '2021-06-03',
    handoffs: [['新爵村 村口', -0.002, -0.003], ['东沙社区 正门', 0.002, 0.002]] },
];

/** Hand-drawn outline of Fangcun (south Liwan) between the Pearl River and the Nanhai border. */
export const FANGCUN_OUTLINE: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[
    [113.236, 23.125], [113.248, 23.112], [113.253, 23.1], [113.258, 23.085], [113.265, 23.07],
    [113.26, 23.055], [113.24, 23.044], [113.215, 23.037], [113.197, 23.046], [113.188, 23.064],
    [113.191, 23.086], [113.204, 23.101], [113.218, 23.115], [113.236, 23.125],
  ]],
};

/** Stocks for one day: vegetables, meat and oil about the sealed streets' need, eggs about 80 % of it. */
export const DEPOTS: Depot[] = [
  { id: 'gz-jiangnan-market', districtId: null, name: '江南果菜批发市场', nameEn: 'Jiangnan Fruit & Vegetable Wholesale Market',
    location: [113.246, 23.169], opensAt: '03:00', closesAt: '12:00', stockKg: { vegetables: 42000 } },
  { id: 'gz-chatou-eggs', districtId: null, name: '槎头蛋品批发市场', nameEn: 'Chatou Egg Wholesale Market',
    location: [113.2445, 23.1715], opensAt: '04:00', closesAt: '14:00', stockKg: { eggs: 4600 } },
  { id: 'liwan-lilang-market', districtId: 'liwan', name: '荔塱农副产品综合批发市场', nameEn: 'Lilang Agri-food Wholesale Market',
    location: [113.233, 23.075], opensAt: '04:00', closesAt: '18:00',
    stockKg: { vegetables: 12500, eggs: 1000, meat: 6800, oil: 2400 } },
  { id: 'gz-crv-zhongshan6', districtId: null, name: '华润万家 中山六路店', nameEn: 'CR Vanguard, Zhongshan 6th Road',
    location: [113.255, 23.128], opensAt: '08:00', closesAt: '17:00',
    stockKg: { vegetables: 3500, eggs: 450, meat: 1600, oil: 900 } },
  // Position invented for the demo: the group's 2021 supply points were not located in any source.
  { id: 'liwan-lingnan-supply', districtId: 'liwan', name: '岭南集团 荔湾保供点', nameEn: 'Lingnan Group supply point (demo position)',
    location: [113.2385, 23.1135], opensAt: '06:00', closesAt: '20:00',
    stockKg: { vegetables: 2500, meat: 2400, oil: 1200 } },
];

/** Fictional driver names for the demo fleet (14 vans, then 6 buses). */
export const DRIVER_NAMES = [
  '陈志强', '李建华', '黄伟明', '张国栋', '梁振华', '刘德明', '何家俊', '林志伟', '吴永康', '郑国华',
  '罗建新', '谢伟强', '冯少华', '邓志明', '曾国权', '彭立新', '苏文杰', '卢家豪', '蔡永强', '许志坚',
];
export const HANDOFF_WORKER_NAMES = ['周丽华', '杨秀英', '朱美玲', '胡晓红'];

/** Van cold-chain capacities (kg); vans beyond the list carry no cold chain. */
export const VAN_COLD_CHAIN_KG = [500, 500, 400, 400, 400, 300, 300, 300];
export const VAN_HOME_DEPOTS = [
  'liwan-lilang-market', 'liwan-lilang-market', 'liwan-lilang-market', 'liwan-lilang-market', 'liwan-lilang-market',
  'gz-jiangnan-market', 'gz-jiangnan-market', 'gz-jiangnan-market', 'gz-chatou-eggs', 'gz-crv-zhongshan6',
  'gz-crv-zhongshan6', 'liwan-lingnan-supply', 'liwan-lingnan-supply', 'liwan-lilang-market',
];
/** Drivers (1-based fleet index) whose health check lapsed before 3 June: the demo's "not cleared". */
export const LAPSED_DRIVERS = [7, 18];
