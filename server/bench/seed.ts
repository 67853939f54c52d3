/**
 * Seeds a MySQL/MariaDB database with BENCH_MEMBERS realistic members (default 1,000,000), their
 * WeChat identities, tags and custom attributes, for the member-list benchmark.
 *
 *   npm run bench:seed -w server        (build the server first: npm run build -w server)
 *
 * The schema comes from the server's own migrations (dist/platform/database/schema-tool.js), the
 * rows from a seeded PRNG: the same BENCH_SEED gives the same data. Existing rows of the bench
 * tables are truncated first. See bench/README.md for the variables.
 */
import { spawnSync } from 'node:child_process';
import { createPool, Pool } from 'mysql2/promise';
import {
  BenchEnv,
  PhoneSealer,
  Rng,
  Weighted,
  benchEnv,
  builtServerFile,
  dbTime,
  dbTimeSec,
  ensureDatabase,
  SERVER_DIR,
} from './lib';

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

export const VIP_TAG = 'VIP';
/** The most common tag: about half of all members carry it (the "less selective" bench case). */
export const BROAD_TAG = '小程序用户';

const TAG_GROUPS: { name: string; description: string; tags: string[] }[] = [
  { name: '会员等级', description: '会员卡等级与身份', tags: [VIP_TAG, '黑金会员', '金卡会员', '银卡会员', '普通会员', '新注册'] },
  { name: '兴趣偏好', description: '内容与商品偏好', tags: ['美妆护肤', '母婴亲子', '运动户外', '数码3C', '美食烘焙', '家居生活'] },
  { name: '消费行为', description: '交易行为特征', tags: ['高客单价', '复购用户', '优惠券敏感', '大促活跃', '首单用户', '沉睡用户'] },
  { name: '渠道来源', description: '首次触达渠道', tags: [BROAD_TAG, '公众号粉丝', '企微好友', '门店到访', '直播间用户', '社群用户'] },
  { name: '互动与生命周期', description: '互动热度与流失风险', tags: ['活跃用户', '潜在客户', '高意向线索', '流失预警', '已流失', '生日月'] },
];

/** Non-VIP tags from most to least common; member tags follow a Zipf-like curve over this order. */
const TAG_POPULARITY = [
  BROAD_TAG, '活跃用户', '公众号粉丝', '普通会员', '优惠券敏感', '美妆护肤', '复购用户', '企微好友', '门店到访', '新注册',
  '大促活跃', '首单用户', '银卡会员', '母婴亲子', '美食烘焙', '家居生活', '潜在客户', '沉睡用户', '社群用户', '运动户外',
  '流失预警', '金卡会员', '直播间用户', '数码3C', '高意向线索', '已流失', '生日月', '高客单价', '黑金会员',
];

const TAG_COLORS = ['#409EFF', '#67C23A', '#E6A23C', '#F56C6C', '#909399', '#9254DE', '#13C2C2', '#EB2F96'];

const STORES: [code: string, name: string, city: string, address: string][] = [
  ['SH01', '上海南京西路店', '上海', '静安区南京西路1266号'],
  ['SH02', '上海陆家嘴店', '上海', '浦东新区世纪大道8号'],
  ['SH03', '上海徐家汇店', '上海', '徐汇区虹桥路1号'],
  ['SH04', '上海五角场店', '上海', '杨浦区淞沪路8号'],
  ['BJ01', '北京三里屯店', '北京', '朝阳区三里屯路19号'],
  ['BJ02', '北京国贸店', '北京', '朝阳区建国门外大街1号'],
  ['BJ03', '北京西单店', '北京', '西城区西单北大街131号'],
  ['GZ01', '广州天河城店', '广州', '天河区天河路208号'],
  ['SZ01', '深圳万象城店', '深圳', '罗湖区宝安南路1881号'],
  ['SZ02', '深圳海岸城店', '深圳', '南山区文心五路33号'],
  ['HZ01', '杭州湖滨店', '杭州', '上城区延安路258号'],
  ['NJ01', '南京新街口店', '南京', '秦淮区中山路1号'],
  ['SU01', '苏州观前街店', '苏州', '姑苏区观前街245号'],
  ['CD01', '成都太古里店', '成都', '锦江区中纱帽街8号'],
  ['WH01', '武汉楚河汉街店', '武汉', '武昌区中北路166号'],
  ['CQ01', '重庆解放碑店', '重庆', '渝中区邹容路100号'],
  ['XA01', '西安钟楼店', '西安', '碑林区东大街1号'],
  ['TJ01', '天津滨江道店', '天津', '和平区滨江道208号'],
  ['QD01', '青岛万象城店', '青岛', '市南区山东路6号'],
  ['XM01', '厦门中山路店', '厦门', '思明区中山路300号'],
];

const ATTRIBUTES = [
  { key: 'skin_type', label: '肤质', type: 'enum', options: ['干性', '油性', '混合性', '中性', '敏感性'], description: '问卷采集的肤质' },
  { key: 'annual_spend', label: '年消费额(元)', type: 'number', options: null, description: '近12个月消费金额' },
  { key: 'first_purchase_date', label: '首次购买日期', type: 'date', options: null, description: '首单日期' },
] as const;

const REGIONS = new Weighted<[string, string[]]>([
  [['广东', ['广州', '深圳', '佛山', '东莞', '珠海']], 14],
  [['上海', ['上海']], 12],
  [['北京', ['北京']], 10],
  [['浙江', ['杭州', '宁波', '温州', '绍兴']], 9],
  [['江苏', ['南京', '苏州', '无锡', '常州']], 9],
  [['四川', ['成都', '绵阳']], 6],
  [['湖北', ['武汉', '宜昌']], 5],
  [['山东', ['济南', '青岛', '烟台']], 6],
  [['福建', ['福州', '厦门', '泉州']], 5],
  [['河南', ['郑州', '洛阳']], 4],
  [['湖南', ['长沙', '株洲']], 4],
  [['陕西', ['西安']], 3],
  [['重庆', ['重庆']], 4],
  [['天津', ['天津']], 3],
  [['辽宁', ['沈阳', '大连']], 3],
]);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯晨欣怡梓涵子轩雨萱佳琪思远博文一诺可馨若曦语嫣俊熙皓宇'.split('');
const NICK_ADJ = ['快乐的', '安静的', '爱笑的', '温柔的', '勇敢的', '慵懒的', '元气', '小小', '甜甜的', '酷酷的'];
const NICK_NOUN = ['小鱼', '猫咪', '橘子', '向日葵', '棉花糖', '月亮', '奶茶', '柠檬', '小熊', '星星', '蘑菇', '西瓜'];
const LATIN = ['Lily', 'Kevin', 'Amy', 'Jason', 'Cherry', 'Leo', 'Vivian', 'Tony', 'Coco', 'Eric', 'Nina', 'Sunny'];
const EMOJI = ['🌸', '✨', '🍀', '🌙', '🐱', '☀️'];
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

const MP_APPID = 'wx5andb0xm1n1app0'; // the server's default MINIAPP_APPID
const OA_APPID = 'wxbench0ffici4lacct';
const WECOM_CORPID = 'wwbench0c0rp000001';

const GENDERS = new Weighted<string>([['female', 52], ['male', 38], ['unknown', 10]]);
const CHANNELS = new Weighted<string>([['miniapp', 35], ['oa', 25], ['store', 15], ['wecom', 12], ['import', 8], ['manual', 3], ['api', 2]]);
const LEVELS = new Weighted<number>([[0, 40], [1, 25], [2, 15], [3, 10], [4, 6], [5, 4]]);
const TAG_COUNT = new Weighted<number>([[0, 3], [1, 12], [2, 22], [3, 27], [4, 20], [5, 16]]);
const TAG_SOURCES = new Weighted<string>([['rule', 35], ['manual', 20], ['automation', 15], ['import', 15], ['wechat', 10], ['api', 5]]);
const STAFF = ['alice', 'bob', '王店长', '李导购', '陈运营', 'zhou.h'];

// ---------------------------------------------------------------------------------------------
// Row generation
// ---------------------------------------------------------------------------------------------

const MEMBER_COLS = [
  'id', 'nickname', 'avatar_url', 'gender', 'birth_year', 'birth_month', 'birth_day', 'phone_encrypted', 'phone_hash',
  'phone_masked', 'province', 'city', 'source_channel', 'lifecycle_stage', 'level', 'points', 'store_id', 'consent_oa',
  'consent_miniapp', 'consent_wecom', 'consent_sms', 'first_seen_at', 'last_seen_at', 'created_at', 'updated_at',
];
const IDENTITY_COLS = ['id', 'member_id', 'type', 'app_id', 'value', 'created_at'];
const MEMBER_TAG_COLS = ['member_id', 'tag_id', 'source', 'added_by_user_id', 'added_by', 'created_at'];
const MEMBER_ATTR_COLS = ['member_id', 'attribute_id', 'value_text', 'value_number', 'value_date', 'value_bool', 'updated_at'];

type Row = (string | number | boolean | null)[];
interface Batch {
  members: Row[];
  identities: Row[];
  memberTags: Row[];
  attributes: Row[];
}

interface RefIds {
  storeIds: number[];
  tagIdByName: Map<string, number>;
  attributeIds: Record<(typeof ATTRIBUTES)[number]['key'], number>;
}

const DAY = 86_400_000;

class MemberFactory {
  private readonly rng: Rng;
  private readonly sealer: PhoneSealer;
  private readonly nowUs: number;
  private readonly startUs: number;
  private readonly stepUs: number;
  private prevUs = 0;
  private identityId = 0;
  private readonly tagPick: Weighted<number>;
  private readonly vipId: number;
  private readonly stores: Weighted<number>;

  constructor(
    private readonly env: BenchEnv,
    private readonly ref: RefIds,
  ) {
    this.rng = new Rng(env.seed);
    this.sealer = new PhoneSealer(env.secretKey);
    this.nowUs = env.now.getTime() * 1000;
    this.startUs = this.nowUs - 3 * 365 * DAY * 1000;
    // Spread over three years, leaving the last hour free for the "burst" jitter below.
    this.stepUs = (this.nowUs - 3_600_000_000 - this.startUs) / env.members;
    this.tagPick = new Weighted(TAG_POPULARITY.map((name, rank) => [ref.tagIdByName.get(name)!, 1 / Math.pow(rank + 1, 0.9)] as const));
    this.vipId = ref.tagIdByName.get(VIP_TAG)!;
    // Flagship stores get more members.
    this.stores = new Weighted(ref.storeIds.map((id, i) => [id, i < 5 ? 3 : 1] as const));
  }

  batch(fromId: number, toId: number): Batch {
    const out: Batch = { members: [], identities: [], memberTags: [], attributes: [] };
    for (let id = fromId; id <= toId; id++) this.member(id, out);
    return out;
  }

  private member(id: number, out: Batch): void {
    const r = this.rng;
    // created_at grows with id (rows are appended as people join); ~15% arrive in bursts within
    // the same second as the previous member (imports, campaign peaks), as DATETIME(6) values.
    const scheduled = Math.floor(this.startUs + (id - 1 + r.next()) * this.stepUs);
    const createdUs = id > 1 && r.chance(0.15) ? this.prevUs + r.int(1, 200_000) : Math.max(this.prevUs + 1, scheduled);
    this.prevUs = createdUs;
    const createdMs = Math.floor(createdUs / 1000);
    const created = dbTime(createdMs, createdUs % 1000);
    const lastSeenMs = createdMs + Math.floor((this.nowUs / 1000 - createdMs) * Math.sqrt(r.next()));
    const daysSinceSeen = (this.nowUs / 1000 - lastSeenMs) / DAY;
    const ageDays = (this.nowUs / 1000 - createdMs) / DAY;

    const gender = GENDERS.pick(r);
    const channel = CHANNELS.pick(r);
    const level = LEVELS.pick(r);
    const points = Math.floor(level * 800 + Math.pow(r.next(), 3) * 20_000 * (level + 1) / 3);

    let birthYear: number | null = null;
    let birthMonth: number | null = null;
    let birthDay: number | null = null;
    if (r.chance(0.7)) {
      birthMonth = r.int(1, 12);
      birthDay = r.int(1, 28);
      if (r.chance(0.85)) birthYear = r.chance(0.7) ? r.int(1985, 2002) : r.int(1960, 2008);
    }

    let phoneSealed: string | null = null;
    let phoneHash: string | null = null;
    let phoneMasked: string | null = null;
    const hasPhone = r.chance(0.65);
    if (hasPhone) {
      // (id * 48271 + 12345) mod 10^8 is a bijection (48271 is coprime to 10^8): no two members share a phone.
      const suffix = String((id * 48271 + 12345) % 100_000_000).padStart(8, '0');
      const phone = r.pick(PHONE_PREFIXES) + suffix;
      phoneSealed = this.sealer.seal(phone, r.bytes(12));
      phoneHash = this.sealer.lookupHash(phone);
      phoneMasked = phone.slice(0, 3) + '****' + phone.slice(-4);
    }

    let province: string | null = null;
    let city: string | null = null;
    if (r.chance(0.92)) {
      const [p, cities] = REGIONS.pick(r);
      province = p;
      city = r.pick(cities);
    }

    const hasMp = r.chance(0.7);
    const hasUnion = r.chance(0.5);
    const hasOa = r.chance(0.4);
    const hasWecom = r.chance(0.15);

    let stage: string;
    if (ageDays <= 30) stage = 'new';
    else if (!hasPhone && !hasMp && r.chance(0.3)) stage = 'prospect';
    else if (daysSinceSeen <= 30) stage = level >= 3 ? 'loyal' : 'active';
    else if (daysSinceSeen <= 180) stage = 'dormant';
    else stage = 'churned';

    out.members.push([
      id,
      this.nickname(),
      r.chance(0.7) ? `https://thirdwx.qlogo.cn/mmopen/vi_32/${r.token(40)}/132` : null,
      gender,
      birthYear,
      birthMonth,
      birthDay,
      phoneSealed,
      phoneHash,
      phoneMasked,
      province,
      city,
      channel,
      stage,
      level,
      points,
      r.chance(0.7) ? this.stores.pick(r) : null,
      hasOa && r.chance(0.85),
      hasMp && r.chance(0.6),
      hasWecom && r.chance(0.9),
      hasPhone && r.chance(0.4),
      dbTimeSec(createdMs),
      dbTimeSec(lastSeenMs),
      created,
      dbTime(lastSeenMs, r.int(0, 999)),
    ]);

    const ident = (type: string, appId: string, value: string) => out.identities.push([++this.identityId, id, type, appId, value, created]);
    if (hasMp) ident('mp_openid', MP_APPID, 'o' + r.token(27));
    if (hasUnion) ident('unionid', '', 'o' + r.token(27));
    if (hasOa) ident('oa_openid', OA_APPID, 'o' + r.token(27));
    if (hasWecom) ident('wecom_external_userid', WECOM_CORPID, 'wm' + r.token(30));
    if (phoneHash) ident('phone', '', phoneHash);

    // ~3 tags per member: VIP on ~5%, the rest along the popularity curve.
    const tags: number[] = [];
    if (r.chance(0.05)) tags.push(this.vipId);
    const want = tags.length + TAG_COUNT.pick(r);
    while (tags.length < want) {
      const t = this.tagPick.pick(r);
      if (!tags.includes(t)) tags.push(t);
    }
    tags.sort((a, b) => a - b);
    for (const tagId of tags) {
      const source = TAG_SOURCES.pick(r);
      const addedBy =
        source === 'manual' ? r.pick(STAFF) : source === 'import' ? `import #${r.int(1, 40)}` : source === 'automation' ? `flow #${r.int(1, 25)}` : source;
      const taggedMs = createdMs + Math.floor(r.next() * (this.nowUs / 1000 - createdMs));
      out.memberTags.push([id, tagId, source, null, addedBy, dbTime(taggedMs, r.int(0, 999))]);
    }

    const a = this.ref.attributeIds;
    const updated = dbTime(lastSeenMs, 0);
    if (r.chance(0.55)) out.attributes.push([id, a.skin_type, r.pick(ATTRIBUTES[0].options), null, null, null, updated]);
    if (r.chance(0.45)) {
      const spend = Math.round(Math.pow(r.next(), 2) * 30_000 * (level + 1)) / 100;
      out.attributes.push([id, a.annual_spend, null, spend, null, null, updated]);
    }
    if (r.chance(0.35)) {
      const firstBuy = createdMs + Math.floor(r.next() * (lastSeenMs - createdMs));
      out.attributes.push([id, a.first_purchase_date, null, null, new Date(firstBuy).toISOString().slice(0, 10), null, updated]);
    }
  }

  private nickname(): string | null {
    const r = this.rng;
    const x = r.next();
    if (x < 0.05) return null;
    if (x < 0.35) return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
    if (x < 0.5) return (r.chance(0.5) ? '小' : '阿') + r.pick(GIVEN);
    if (x < 0.7) return r.pick(NICK_ADJ) + r.pick(NICK_NOUN);
    if (x < 0.8) return r.pick(GIVEN) + r.pick(GIVEN) + r.pick(EMOJI);
    if (x < 0.9) return r.pick(LATIN) + (r.chance(0.5) ? '_' + r.int(1970, 2010) : '');
    return r.pick(GIVEN) + r.pick(GIVEN) + r.pick(GIVEN);
  }
}

// ---------------------------------------------------------------------------------------------
// Database work
// ---------------------------------------------------------------------------------------------

const BENCH_TABLES = ['member_attribute', 'member_tag', 'member_identity', 'member', 'attribute_definition', 'tag', 'tag_group', 'store'];

/** Runs the server's migrations against the bench database through the lead's schema tool. */
export function migrate(env: BenchEnv): void {
  const tool = builtServerFile('dist/platform/database/schema-tool.js');
  if (!tool) {
    throw new Error('server/dist/platform/database/schema-tool.js is missing: build the server first (npm run build -w server); the bench takes its schema from the server migrations');
  }
  console.log('seed: migrating through dist/platform/database/schema-tool.js …');
  const res = spawnSync(process.execPath, [tool, 'migrate'], {
    cwd: SERVER_DIR,
    stdio: 'inherit',
    env: { ...process.env, DB_URL: env.dbUrl, APP_SECRET_KEY: env.secretKey, REDIS_URL: '', ROLE: 'all', DEMO_DATA: 'off' },
  });
  if (res.status !== 0) throw new Error(`schema-tool migrate failed (exit ${res.status ?? res.signal})`);
}

export function openPool(env: BenchEnv, connectionLimit = 4): Pool {
  const pool = createPool({ uri: env.dbUrl, connectionLimit, dateStrings: true, timezone: 'Z', supportBigNumbers: true, charset: 'utf8mb4_unicode_ci' });
  pool.pool.on('connection', (conn) => {
    // Bench-only session settings: rows arrive in key order and are known to be unique.
    conn.query("SET SESSION time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0");
  });
  return pool;
}

async function insertRows(pool: Pool, table: string, cols: string[], rows: Row[], chunk: number): Promise<void> {
  const sql = `INSERT INTO \`${table}\` (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let i = 0; i < rows.length; i += chunk) {
    await pool.query(sql, [rows.slice(i, i + chunk)]);
  }
}

async function referenceData(pool: Pool, env: BenchEnv): Promise<RefIds> {
  const rng = new Rng(env.seed ^ 0x5eed);
  const created = dbTime(env.now.getTime() - 3 * 365 * DAY - 30 * DAY);
  await insertRows(pool, 'store', ['id', 'code', 'name', 'city', 'address', 'created_at', 'updated_at'],
    STORES.map(([code, name, city, address], i) => [i + 1, code, name, city, address, created, created]), 1000);
  const groups: Row[] = [];
  const tags: Row[] = [];
  const tagIdByName = new Map<string, number>();
  TAG_GROUPS.forEach((g, gi) => {
    groups.push([gi + 1, g.name, g.description, gi * 10, created, created]);
    for (const name of g.tags) {
      const id = tags.length + 1;
      tagIdByName.set(name, id);
      const color = name === VIP_TAG ? '#E6A23C' : rng.pick(TAG_COLORS);
      tags.push([id, gi + 1, name, color, null, created, created]);
    }
  });
  await insertRows(pool, 'tag_group', ['id', 'name', 'description', 'sort_order', 'created_at', 'updated_at'], groups, 1000);
  await insertRows(pool, 'tag', ['id', 'group_id', 'name', 'color', 'description', 'created_at', 'updated_at'], tags, 1000);
  await insertRows(pool, 'attribute_definition', ['id', 'key', 'label', 'type', 'options', 'description', 'created_at', 'updated_at'],
    ATTRIBUTES.map((a, i) => [i + 1, a.key, a.label, a.type, a.options ? JSON.stringify(a.options) : null, a.description, created, created]), 1000);
  return {
    storeIds: STORES.map((_, i) => i + 1),
    tagIdByName,
    attributeIds: { skin_type: 1, annual_spend: 2, first_purchase_date: 3 },
  };
}

/**
 * BENCH_TUNE_DB=1: grows the server's InnoDB buffer pool (and redo log, where the server allows it
 * at runtime) so 1M members fit in memory, as they would on a production MySQL sized for them.
 * These are GLOBAL settings of the database server; they last until it restarts.
 */
export async function tuneDatabase(pool: Pool): Promise<void> {
  const want: [string, number][] = [
    ['innodb_buffer_pool_size', 3 * 1024 * 1048576],
    ['innodb_log_file_size', 512 * 1048576],
  ];
  for (const [name, size] of want) {
    const [[row]] = (await pool.query(`SELECT @@GLOBAL.${name} AS v`)) as unknown as [{ v: number }[]];
    if (Number(row.v) >= size) continue;
    try {
      await pool.query(`SET GLOBAL ${name} = ${size}`);
      console.log(`seed: BENCH_TUNE_DB: SET GLOBAL ${name} = ${size / 1048576} MB (was ${Math.round(Number(row.v) / 1048576)} MB)`);
    } catch (e) {
      console.log(`seed: BENCH_TUNE_DB: could not raise ${name}: ${e instanceof Error ? e.message : e}`);
    }
  }
  // The buffer pool resizes in the background; wait for it so the numbers below are true.
  for (let i = 0; i < 60; i++) {
    const [[st]] = (await pool.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'")) as unknown as [{ Value: string }[]];
    if (!st || !/resiz/i.test(st.Value) || /complete|finished/i.test(st.Value)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface SeedResult {
  members: number;
  rows: number;
  seconds: number;
  rowsPerS: number;
}

export async function seed(env: BenchEnv = benchEnv()): Promise<SeedResult> {
  console.log(`seed: ${env.members} members into ${env.dbUrl.replace(/:[^:@/]*@/, ':***@')} (BENCH_SEED=${env.seed}, batch ${env.batch})`);
  await ensureDatabase(env.dbUrl);
  migrate(env);

  const pool = openPool(env);
  try {
    if (process.env.BENCH_TUNE_DB === '1') await tuneDatabase(pool);
    const [[bp]] = (await pool.query('SELECT @@innodb_buffer_pool_size AS size, VERSION() AS version')) as unknown as [{ size: number; version: string }[]];
    console.log(`seed: server ${bp.version}, innodb_buffer_pool_size=${Math.round(Number(bp.size) / 1048576)} MB`);
    if (Number(bp.size) < 2048 * 1048576 && env.members >= 500_000) {
      console.log('seed: note: 1M members with their tags and identities take ~1.3 GB; a smaller buffer pool makes the seed and the bench disk-bound (BENCH_TUNE_DB=1, bench/README.md)');
    }

    const conn = await pool.getConnection();
    try {
      for (const t of BENCH_TABLES) await conn.query(`TRUNCATE TABLE \`${t}\``);
    } finally {
      conn.release();
    }
    const ref = await referenceData(pool, env);
    const factory = new MemberFactory(env, ref);

    const counts = { member: 0, member_identity: 0, member_tag: 0, member_attribute: 0 };
    const started = Date.now();
    let lastReport = started;
    let inFlight: Promise<void> = Promise.resolve();
    const insertBatch = async (b: Batch) => {
      // One connection per table: the four inserts run side by side.
      await Promise.all([
        insertRows(pool, 'member', MEMBER_COLS, b.members, env.batch),
        insertRows(pool, 'member_identity', IDENTITY_COLS, b.identities, env.batch),
        insertRows(pool, 'member_tag', MEMBER_TAG_COLS, b.memberTags, env.batch),
        insertRows(pool, 'member_attribute', MEMBER_ATTR_COLS, b.attributes, env.batch),
      ]);
      counts.member += b.members.length;
      counts.member_identity += b.identities.length;
      counts.member_tag += b.memberTags.length;
      counts.member_attribute += b.attributes.length;
    };
    const totalRows = () => counts.member + counts.member_identity + counts.member_tag + counts.member_attribute;

    for (let from = 1; from <= env.members; from += env.batch) {
      const to = Math.min(env.members, from + env.batch - 1);
      // Generate the next batch while the previous one is being written.
      const b = factory.batch(from, to);
      await inFlight;
      inFlight = insertBatch(b);
      const now = Date.now();
      if (now - lastReport >= 5000) {
        lastReport = now;
        const s = (now - started) / 1000;
        console.log(`seed: ${counts.member}/${env.members} members, ${totalRows()} rows, ${Math.round(totalRows() / s)} rows/s`);
      }
    }
    await inFlight;
    const seconds = (Date.now() - started) / 1000;
    const rows = totalRows();
    console.log(
      `seed: inserted member=${counts.member} member_identity=${counts.member_identity} member_tag=${counts.member_tag} member_attribute=${counts.member_attribute} in ${seconds.toFixed(1)} s`,
    );

    // The server keeps tag.member_count on every add/remove; a bulk load that bypasses it recounts once.
    console.log('seed: recounting tag members …');
    await pool.query('UPDATE tag SET member_count = (SELECT COUNT(*) FROM member_tag WHERE member_tag.tag_id = tag.id)');
    console.log('seed: ANALYZE TABLE (fresh statistics for the optimizer) …');
    for (const t of ['member', 'member_tag', 'member_identity', 'member_attribute', 'tag']) await pool.query(`ANALYZE TABLE \`${t}\``);

    const rowsPerS = Math.round(rows / seconds);
    console.log(`seed members=${counts.member} rows_per_s=${rowsPerS}`);
    return { members: counts.member, rows, seconds, rowsPerS };
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  seed().catch((e) => {
    console.error(`seed failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
