// Dated control levels from the 2021 notices (see /data/README.md for sources), by zone pinyin.
// Original level names are kept beside our tier so a replay can show both.

export const LEVEL_TO_TIER: Record<string, 'sealed' | 'controlled' | 'precaution'> = {
  home_1_per_household: 'precaution',
  strict_health_mgmt: 'precaution',
  controlled: 'controlled',
  sealed: 'sealed',
  stay_in_Fangcun: 'precaution',
};

export interface TimelineStepInput {
  date: string;
  notice: string | null;
  source: string;
  /** pinyin → original level; the full state on that day (streets not listed are unrestricted). */
  levels: Record<string, string>;
  lifted?: boolean;
  stillSealedPoints?: [string, string][];
  note?: string;
}

const ALL = ['Baihedong', 'Chongkou', 'Huadi', 'Shiweitang', 'Chajiao', 'Dongjiao', 'Hailong', 'Dongsha', 'Zhongnan'];
const every = (level: string): Record<string, string> => Object.fromEntries(ALL.map((p) => [p, level]));

export const TIMELINE_STEPS: TimelineStepInput[] = [
  { date: '2021-05-29', notice: 'Guangzhou No.13', source: 'https://gzdaily.dayoo.com/pc/html/2021-06/01/content_868_757293.htm',
    levels: { Hailong: 'home_1_per_household', Baihedong: 'home_1_per_household', Zhongnan: 'home_1_per_household',
      Dongjiao: 'home_1_per_household', Chongkou: 'home_1_per_household' } },
  { date: '2021-05-31', notice: 'Liwan district HQ', source: 'https://51xinshidai.com/showinfo-15-13941-0.html',
    levels: { Hailong: 'home_1_per_household', Baihedong: 'sealed', Zhongnan: 'sealed',
      Dongjiao: 'home_1_per_household', Chongkou: 'home_1_per_household' },
    note: 'streets not named keep the level of No.13' },
  { date: '2021-06-01', notice: 'Guangzhou No.15', source: 'http://www.guangzhouline.com/zx/xinwen/89219.html',
    levels: { Zhongnan: 'sealed', Baihedong: 'controlled', Chongkou: 'controlled', Hailong: 'controlled', Dongjiao: 'controlled',
      Shiweitang: 'strict_health_mgmt', Chajiao: 'strict_health_mgmt', Dongsha: 'strict_health_mgmt', Huadi: 'strict_health_mgmt' } },
  { date: '2021-06-03', notice: 'Guangzhou No.16', source: 'http://www.gdfao.gov.cn/cov/content/post_644039.html',
    levels: { Baihedong: 'sealed', Dongjiao: 'sealed', Chongkou: 'controlled', Hailong: 'controlled', Shiweitang: 'controlled',
      Chajiao: 'controlled', Dongsha: 'controlled', Huadi: 'controlled', Zhongnan: 'sealed' },
    note: '中南 is not named in No.16 and stays sealed under No.15' },
  { date: '2021-06-17', notice: 'Guangzhou No.21', source: 'http://m.wuhanx.com/xinwen/71158.html',
    levels: every('stay_in_Fangcun'),
    stillSealedPoints: [['Dongsha', '新爵村'], ['Zhongnan', '海南经济联社六、七、八经济社'], ['Baihedong', '鹤园小区'],
      ['Baihedong', '观鹤小区'], ['Baihedong', '广钢新城 金茂府第2栋 / 中海花湾D区第4栋 / 保利海德公馆第5栋']],
    note: 'street level falls to precaution; the listed points stay sealed (sub-street, not modelled as zones)' },
  { date: '2021-06-20', notice: null, source: 'http://huolake.com/dsxy/dszx/542687.html',
    levels: every('stay_in_Fangcun'), stillSealedPoints: [['Dongsha', '新爵村']],
    note: 'remaining 白鹤洞/中南 points moved to No.21 measures; 新爵村 is not mentioned, so it is assumed still sealed' },
  { date: '2021-06-24', notice: null, source: 'http://vakiodaily.org/news/view/id/445579',
    levels: every('traffic_restored'), lifted: true,
    note: 'Fangcun traffic fully restored from 16:00 except 鹤园小区 (白鹤洞)' },
];

export const SUPPLY_EVENTS: { date: string; zones: string[]; what: string; source: string }[] = [
  { date: '2021-05-29', zones: ['Hailong'], what: '华润万家 opens 7 supply points in 海龙街 (08:00-17:00), fed from its 中山六路 store',
    source: 'http://news.southcn.com/nfplus/nftz/content/2021-06/12/content_192543486.htm' },
  { date: '2021-05-30', zones: ['Dongjiao'], what: 'mobile meat and vegetable point on 东漖南路; 岭南集团 adds 3 supply points in Liwan',
    source: 'https://news.southcn.com/node_17a07e5926/78e8ff87ed.shtml' },
  { date: '2021-06-09', zones: ['Shiweitang'], what: '6 buses converted to bus supermarkets enter 石围塘街',
    source: 'https://news.southcn.com/node_0373b93ddd/6547732a00.shtml' },
  { date: '2021-06-18', zones: ['Dongjiao', 'Chajiao'], what: '17 farmers\' markets in Fangcun reopen (荔塱 and 茶滘 well supplied)',
    source: 'http://www.zhishi5.com/shehui/202106/237763.html' },
];
