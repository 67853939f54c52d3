/** The demo brand: a skincare chain with two stores. Deterministic, so every fresh start looks the same. */

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_STORES = [
  { code: 'SH01', name: '上海南京西路店', city: '上海', address: '上海市静安区南京西路 1266 号' },
  { code: 'BJ01', name: '北京三里屯店', city: '北京', address: '北京市朝阳区三里屯路 19 号' },
];

export const DEMO_STAFF = [
  { username: 'sh_manager', displayName: '王店长', role: 'store_manager' as const, store: 'SH01' },
  { username: 'sh_staff', displayName: '李导购', role: 'store_staff' as const, store: 'SH01' },
  { username: 'bj_manager', displayName: '赵店长', role: 'store_manager' as const, store: 'BJ01' },
  { username: 'bj_staff', displayName: '陈导购', role: 'store_staff' as const, store: 'BJ01' },
  { username: 'operator', displayName: '运营小周', role: 'operator' as const, store: null },
];

export const DEMO_TAG_GROUPS = [
  { name: '客户价值', description: '按消费贡献分层', tags: [['VIP', '#E6A23C'], ['高潜客户', '#F56C6C'], ['普通会员', '#909399']] },
  { name: '兴趣偏好', description: '从浏览与购买推断', tags: [['护肤', '#67C23A'], ['彩妆', '#F56C6C'], ['香水', '#409EFF'], ['身体护理', '#67C23A']] },
  { name: '互动行为', description: '近期互动', tags: [['参与过抽奖', '#409EFF'], ['领过券未核销', '#E6A23C'], ['到店体验过', '#67C23A']] },
];

export const DEMO_ATTRIBUTES = [
  { key: 'skin_type', label: '肤质', type: 'enum' as const, options: ['干性', '油性', '混合性', '中性', '敏感性'] },
  { key: 'favorite_category', label: '偏好品类', type: 'string' as const },
  { key: 'membership_anniversary', label: '入会纪念日', type: 'date' as const },
  { key: 'annual_spend', label: '年消费额(元)', type: 'number' as const },
  { key: 'wants_samples', label: '愿意试用小样', type: 'boolean' as const },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const GIVEN = ['小雨', '晓梅', '思琪', '佳怡', '子涵', '雨桐', '欣然', '梓萱', '一诺', '浩然', '宇轩', '嘉怡', '诗涵', '梦洁', '婷婷', '静怡', '俊杰', '文博', '可馨', '若汐'];
const PLACES: [string, string][] = [
  ['上海', '上海'], ['上海', '上海'], ['北京', '北京'], ['北京', '北京'], ['浙江', '杭州'], ['江苏', '南京'], ['江苏', '苏州'], ['广东', '广州'], ['广东', '深圳'], ['四川', '成都'],
];
const CHANNELS = ['miniapp', 'miniapp', 'oa', 'oa', 'wecom', 'store', 'import'] as const;
const STAGES = ['prospect', 'new', 'new', 'active', 'active', 'active', 'loyal', 'dormant', 'churned'] as const;
const CATEGORIES = ['面霜', '精华', '口红', '香水', '面膜', '防晒'];

export interface DemoMember {
  nickname: string;
  gender: 'male' | 'female' | 'unknown';
  birthday?: { year: number | null; month: number; day: number };
  phone?: string;
  province: string;
  city: string;
  sourceChannel: (typeof CHANNELS)[number];
  lifecycleStage: (typeof STAGES)[number];
  level: number;
  points: number;
  store: string | null;
  mpOpenid?: string;
  unionid?: string;
  oaOpenid?: string;
  externalUserid?: string;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  createdDaysAgo: number;
  lastSeenDaysAgo: number | null;
}

export function demoMembers(count: number, seed = 20261123): DemoMember[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const id = (prefix: string, len: number) => {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    let s = prefix;
    while (s.length < len) s += abc[Math.floor(r() * abc.length)];
    return s;
  };
  const out: DemoMember[] = [];
  for (let i = 0; i < count; i++) {
    const [province, city] = pick(PLACES);
    const level = Math.floor(r() ** 2 * 5);
    const tags: string[] = [];
    const value = r();
    tags.push(value < 0.08 ? 'VIP' : value < 0.25 ? '高潜客户' : '普通会员');
    for (const t of ['护肤', '彩妆', '香水', '身体护理']) if (r() < 0.3) tags.push(t);
    for (const t of ['参与过抽奖', '领过券未核销', '到店体验过']) if (r() < 0.2) tags.push(t);
    const attributes: Record<string, string | number | boolean> = {};
    if (r() < 0.7) attributes.skin_type = pick(['干性', '油性', '混合性', '中性', '敏感性']);
    if (r() < 0.5) attributes.favorite_category = pick(CATEGORIES);
    if (r() < 0.6) attributes.annual_spend = Math.round(r() ** 2 * 20000);
    if (r() < 0.4) attributes.wants_samples = r() < 0.7;
    const createdDaysAgo = Math.floor(r() * 900);
    if (r() < 0.5) {
      const d = new Date(Date.UTC(2026, 10, 23) - createdDaysAgo * 86400_000);
      attributes.membership_anniversary = d.toISOString().slice(0, 10);
    }
    const hasMp = r() < 0.75;
    const hasUnion = hasMp && r() < 0.8;
    out.push({
      nickname: pick(SURNAMES) + pick(GIVEN),
      gender: r() < 0.78 ? 'female' : r() < 0.9 ? 'male' : 'unknown',
      birthday: r() < 0.7 ? { year: r() < 0.8 ? 1970 + Math.floor(r() * 36) : null, month: 1 + Math.floor(r() * 12), day: 1 + Math.floor(r() * 28) } : undefined,
      phone: r() < 0.6 ? `1${pick(['38', '39', '50', '58', '86', '88', '35'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}` : undefined,
      province,
      city,
      sourceChannel: pick(CHANNELS),
      lifecycleStage: pick(STAGES),
      level,
      points: Math.floor(r() * 3000 * (level + 1)),
      store: city === '上海' ? 'SH01' : city === '北京' ? 'BJ01' : r() < 0.5 ? 'SH01' : r() < 0.5 ? 'BJ01' : null,
      mpOpenid: hasMp ? id('o', 28) : undefined,
      unionid: hasUnion ? id('oU', 28) : undefined,
      oaOpenid: r() < 0.4 ? id('o', 28) : undefined,
      externalUserid: r() < 0.2 ? id('wm', 32) : undefined,
      tags,
      attributes,
      createdDaysAgo,
      lastSeenDaysAgo: r() < 0.85 ? Math.floor(r() * Math.min(createdDaysAgo + 1, 180)) : null,
    });
  }
  return out;
}
