import type { Depot, District, LngLat } from '../../server/contract';

// Foshan, 1 June 2021. Positions are approximate (to about 1–2 km): Chancheng ≈ 113.12, 23.01;
// Guicheng ≈ 113.15, 23.03; Dali/Huangqi ≈ 113.20, 23.10. Populations are our estimates.

export const DISTRICTS: District[] = [
  { id: 'foshan-chancheng', name: '禅城区', nameEn: 'Chancheng', city: '佛山', bbox: [113.0, 22.93, 113.18, 23.08] },
  { id: 'foshan-nanhai', name: '南海区', nameEn: 'Nanhai', city: '佛山', bbox: [112.83, 22.8, 113.26, 23.35] },
];

export const STREETS: { id: string; districtId: string; name: string; nameEn: string }[] = [
  { id: 'foshan-street-shiwan', districtId: 'foshan-chancheng', name: '石湾镇街道', nameEn: 'Shiwanzhen' },
  { id: 'foshan-street-guicheng', districtId: 'foshan-nanhai', name: '桂城街道', nameEn: 'Guicheng' },
  { id: 'foshan-street-dali', districtId: 'foshan-nanhai', name: '大沥镇', nameEn: 'Dali' },
];

export interface FoshanZoneSpec {
  id: string;
  districtId: string;
  streetId: string;
  name: string;
  nameEn: string;
  tier: 'sealed' | 'precaution';
  centre: LngLat;
  areaKm2: number;
  population: number;
  handoffs: [string, number, number][];
}

export const ZONES: FoshanZoneSpec[] = [
  { id: 'foshan-lvyin-mingyuan', districtId: 'foshan-chancheng', streetId: 'foshan-street-shiwan',
    name: '绿茵鸣苑小区', nameEn: 'Lvyin Mingyuan compound', tier: 'sealed', centre: [113.118, 23.012], areaKm2: 0.06,
    population: 3200, handoffs: [['绿茵鸣苑 正门', 0.0004, 0.0003]] },
  { id: 'foshan-guicheng-block', districtId: 'foshan-nanhai', streetId: 'foshan-street-guicheng',
    name: '桂城 永安路以西·南港路以北·新胜路以东·佛山水道以南', nameEn: 'Guicheng block west of Yong\'an Road',
    tier: 'sealed', centre: [113.15, 23.03], areaKm2: 0.6, population: 12000,
    handoffs: [['南港路 路口', 0.001, -0.002], ['新胜路 路口', -0.002, 0.001]] },
  { id: 'foshan-shiwan-precaution', districtId: 'foshan-chancheng', streetId: 'foshan-street-shiwan',
    name: '石湾镇街道 (防范区, 部分)', nameEn: 'Shiwanzhen (reduced activity, part)', tier: 'precaution',
    centre: [113.1, 22.998], areaKm2: 3.5, population: 60000, handoffs: [['石湾 社区服务中心', 0.002, 0.001]] },
  { id: 'foshan-guicheng-precaution', districtId: 'foshan-nanhai', streetId: 'foshan-street-guicheng',
    name: '桂城街道 (防范区, 部分)', nameEn: 'Guicheng (reduced activity, part)', tier: 'precaution',
    centre: [113.172, 23.047], areaKm2: 4, population: 90000, handoffs: [['桂城 社区服务中心', -0.002, 0.002]] },
  { id: 'foshan-huangqi', districtId: 'foshan-nanhai', streetId: 'foshan-street-dali',
    name: '大沥镇 黄岐 (东秀/岐阳/洞庭/雍雅社区)', nameEn: 'Dali, Huangqi communities', tier: 'precaution',
    centre: [113.2, 23.1], areaKm2: 2, population: 50000,
    handoffs: [['东秀社区 正门', 0.002, 0.002], ['雍雅社区 正门', -0.002, -0.002]] },
];

// Both depots are invented demo sites: no source located Foshan's 2021 supply warehouses.
export const DEPOTS: Depot[] = [
  { id: 'foshan-chancheng-depot', districtId: 'foshan-chancheng', name: '禅城区保供仓 (示意)', nameEn: 'Chancheng supply depot (demo)',
    location: [113.108, 23.02], opensAt: '05:00', closesAt: '20:00',
    stockKg: { vegetables: 9000, eggs: 1000, meat: 1600, oil: 700 } },
  { id: 'foshan-nanhai-depot', districtId: 'foshan-nanhai', name: '南海区桂城保供仓 (示意)', nameEn: 'Nanhai Guicheng supply depot (demo)',
    location: [113.16, 23.06], opensAt: '05:00', closesAt: '20:00',
    stockKg: { vegetables: 12000, eggs: 1300, meat: 2200, oil: 900 } },
];

export const DRIVER_NAMES = ['梁家辉', '何志成', '陆永华', '区伟东'];
