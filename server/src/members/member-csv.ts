import { parse } from 'csv-parse/sync';
import { normalizePhone } from '../platform/crypto/secret-box';
import { BadInputError, FieldProblem } from '../platform/errors/app-error';
import { isoOrNull } from '../platform/time/time';
import { AttributeDefinitionEntity } from './attribute.entity';
import { AttributeValue, isCalendarDate } from './attribute-value';
import { GENDERS, Gender, LIFECYCLE_STAGES, LifecycleStage, MemberEntity, SOURCE_CHANNELS, SourceChannel } from './member.entity';

/** Columns a member CSV may have. `attr.<key>` columns carry custom attributes. */
export const CSV_COLUMNS = [
  'nickname',
  'phone',
  'unionid',
  'mp_openid',
  'gender',
  'birthday',
  'province',
  'city',
  'source_channel',
  'lifecycle_stage',
  'level',
  'points',
  'store_code',
  'tags',
] as const;

export interface ParsedMemberRow {
  nickname?: string;
  phone?: string;
  unionid?: string;
  mpOpenid?: string;
  gender?: Gender;
  birthday?: { year: number | null; month: number; day: number };
  province?: string;
  city?: string;
  sourceChannel?: SourceChannel;
  lifecycleStage?: LifecycleStage;
  level?: number;
  points?: number;
  storeCode?: string;
  tags: string[];
  attributes: Record<string, string>;
}

const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 女: 'female', m: 'male', f: 'female', 未知: 'unknown' };

/** Checks the header row: unknown columns are reported up front rather than silently ignored. */
export function checkHeader(header: string[]): string | null {
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h) && !/^attr\.[a-z][a-z0-9_]{0,63}$/.test(h));
  if (unknown.length) return `unknown column(s): ${unknown.join(', ')}; allowed: ${CSV_COLUMNS.join(', ')}, attr.<key>`;
  if (!header.some((h) => h === 'phone' || h === 'unionid' || h === 'mp_openid' || h === 'nickname')) {
    return 'the file needs at least one of: nickname, phone, unionid, mp_openid';
  }
  return null;
}

/** Turns one CSV record into member fields, or the list of problems with it. Pure. */
export function parseMemberRow(rec: Record<string, string | undefined>): { row: ParsedMemberRow; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const v = (k: string) => {
    const s = rec[k];
    return s === undefined ? undefined : s.trim() === '' ? undefined : s.trim();
  };
  const row: ParsedMemberRow = { tags: [], attributes: {} };

  const nickname = v('nickname');
  if (nickname !== undefined) {
    if (nickname.length > 64) problems.push({ field: 'nickname', message: 'longer than 64 characters' });
    else row.nickname = nickname;
  }
  const phone = v('phone');
  if (phone !== undefined) {
    const p = normalizePhone(phone);
    if (!p) problems.push({ field: 'phone', message: `"${phone}" is not a mainland mobile number` });
    else row.phone = p;
  }
  for (const [col, key] of [['unionid', 'unionid'], ['mp_openid', 'mpOpenid']] as const) {
    const s = v(col);
    if (s === undefined) continue;
    if (!/^[A-Za-z0-9_-]{6,128}$/.test(s)) problems.push({ field: col, message: `"${s}" is not a valid ${col}` });
    else row[key] = s;
  }
  const gender = v('gender');
  if (gender !== undefined) {
    const g = (GENDERS as readonly string[]).includes(gender.toLowerCase()) ? (gender.toLowerCase() as Gender) : GENDER_WORDS[gender.toLowerCase()];
    if (!g) problems.push({ field: 'gender', message: `"${gender}" is not male, female, unknown, 男 or 女` });
    else row.gender = g;
  }
  const birthday = v('birthday');
  if (birthday !== undefined) {
    const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(birthday);
    const short = /^(\d{1,2})-(\d{1,2})$/.exec(birthday);
    if (full && isCalendarDate(`${full[1]}-${full[2].padStart(2, '0')}-${full[3].padStart(2, '0')}`) && +full[1] >= 1900) {
      row.birthday = { year: +full[1], month: +full[2], day: +full[3] };
    } else if (short && isCalendarDate(`2000-${short[1].padStart(2, '0')}-${short[2].padStart(2, '0')}`)) {
      row.birthday = { year: null, month: +short[1], day: +short[2] };
    } else {
      problems.push({ field: 'birthday', message: `"${birthday}" is not YYYY-MM-DD or MM-DD` });
    }
  }
  for (const col of ['province', 'city'] as const) {
    const s = v(col);
    if (s === undefined) continue;
    if (s.length > 32) problems.push({ field: col, message: 'longer than 32 characters' });
    else row[col] = s;
  }
  const channel = v('source_channel');
  if (channel !== undefined) {
    if (!(SOURCE_CHANNELS as readonly string[]).includes(channel)) problems.push({ field: 'source_channel', message: `must be one of ${SOURCE_CHANNELS.join(', ')}` });
    else row.sourceChannel = channel as SourceChannel;
  }
  const stage = v('lifecycle_stage');
  if (stage !== undefined) {
    if (!(LIFECYCLE_STAGES as readonly string[]).includes(stage)) problems.push({ field: 'lifecycle_stage', message: `must be one of ${LIFECYCLE_STAGES.join(', ')}` });
    else row.lifecycleStage = stage as LifecycleStage;
  }
  for (const [col, key, max] of [['level', 'level', 100], ['points', 'points', 2_000_000_000]] as const) {
    const s = v(col);
    if (s === undefined) continue;
    if (!/^\d+$/.test(s) || Number(s) > max) problems.push({ field: col, message: `"${s}" is not a whole number from 0 to ${max}` });
    else row[key] = Number(s);
  }
  const store = v('store_code');
  if (store !== undefined) row.storeCode = store;
  const tags = v('tags');
  if (tags !== undefined) {
    row.tags = [...new Set(tags.split(/[|｜]/).map((t) => t.trim()).filter(Boolean))];
    const long = row.tags.find((t) => t.length > 64);
    if (long) problems.push({ field: 'tags', message: `tag "${long.slice(0, 20)}…" is longer than 64 characters` });
  }
  for (const [k, val] of Object.entries(rec)) {
    if (k.startsWith('attr.') && val !== undefined && val.trim() !== '') row.attributes[k.slice(5)] = val.trim();
  }
  if (!row.phone && !row.unionid && !row.mpOpenid && !row.nickname && !problems.length) {
    problems.push({ field: 'row', message: 'empty row: give at least a nickname, phone, unionid or mp_openid' });
  }
  return { row, problems };
}

/** The columns of a member CSV export: fixed member fields, then `attr.<key>` per definition (in id order). */
export function exportColumns(defs: AttributeDefinitionEntity[]): string[] {
  return [
    'id', 'nickname', 'phone_masked', 'gender', 'birthday', 'province', 'city', 'source_channel', 'lifecycle_stage',
    'level', 'points', 'store_id', 'tags', 'first_seen_at', 'last_seen_at', 'created_at', ...defs.map((d) => `attr.${d.key}`),
  ];
}

/** One member as an export row, matching exportColumns. Phones stay masked; tags are joined by `|`. */
export function exportRecord(m: MemberEntity, tagNames: string[], attrs: Record<string, AttributeValue>, defs: AttributeDefinitionEntity[]): unknown[] {
  return [
    m.id, m.nickname ?? '', m.phoneMasked ?? '', m.gender,
    m.birthMonth ? `${m.birthYear ? `${m.birthYear}-` : ''}${String(m.birthMonth).padStart(2, '0')}-${String(m.birthDay).padStart(2, '0')}` : '',
    m.province ?? '', m.city ?? '', m.sourceChannel, m.lifecycleStage, m.level, m.points, m.storeId ?? '',
    tagNames.join('|'),
    isoOrNull(m.firstSeenAt) ?? '', isoOrNull(m.lastSeenAt) ?? '', isoOrNull(m.createdAt) ?? '',
    ...defs.map((d) => (attrs[d.key] == null ? '' : String(attrs[d.key]))),
  ];
}

/** An uploaded file as text: UTF-8 only (with or without BOM), otherwise a 400 saying how to save it. */
export function decodeUtf8(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    throw new BadInputError('the file is not UTF-8 text; save it as "CSV UTF-8"', [{ field: 'file', message: 'not UTF-8' }]);
  }
}

/** All records of a CSV text (header included); malformed CSV is a 400. */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    throw new BadInputError(`the file is not valid CSV: ${(e as Error).message}`, [{ field: 'file', message: 'not valid CSV' }]);
  }
}
