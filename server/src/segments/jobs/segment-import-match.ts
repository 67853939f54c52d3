import type { IdentityType } from '../../members/member-identity.entity';
import { normalizePhone } from '../../platform/crypto/secret-box';
import type { IdentifierKind, UnmatchedReason } from './segment-job.entity';

type FixedKind = Exclude<IdentifierKind, 'auto'>;

/** Header names recognised per identifier kind (compared lower-cased), so most files need no column picked. */
export const COLUMN_ALIASES: Record<FixedKind, string[]> = {
  memberId: ['member_id', 'memberid', 'id', '会员id', '会员编号'],
  phone: ['phone', 'mobile', '手机号', '手机', '手机号码'],
  unionid: ['unionid', 'union_id'],
  openid: ['openid', 'open_id', 'oa_openid', 'mp_openid'],
  externalUserId: ['external_userid', 'external_user_id', 'externaluserid', 'wecom_external_userid'],
};

/** Identity types an openid or external userid may be (any app: a pasted id comes without its app). */
const IDENTITY_TYPES_OF: Record<'unionid' | 'openid' | 'externalUserId', IdentityType[]> = {
  unionid: ['unionid'],
  openid: ['oa_openid', 'mp_openid'],
  externalUserId: ['wecom_external_userid'],
};
const ANY_IDENTITY: IdentityType[] = ['unionid', 'oa_openid', 'mp_openid', 'wecom_external_userid'];

const MAX_MEMBER_ID = 2_147_483_647;

/** Which column of the header to read: the one named, else the first whose name fits the kind, else the only one. */
export function resolveColumn(header: string[], kind: IdentifierKind, column?: string): { index: number; name: string } | { problem: string } {
  const names = header.map((h) => h.trim());
  const lower = names.map((h) => h.toLowerCase());
  if (column?.trim()) {
    const i = lower.indexOf(column.trim().toLowerCase());
    return i >= 0 ? { index: i, name: names[i] } : { problem: `the file has no column "${column.trim()}"; its columns are: ${names.join(', ')}` };
  }
  const aliases = kind === 'auto' ? Object.values(COLUMN_ALIASES).flat() : COLUMN_ALIASES[kind];
  const i = lower.findIndex((h) => aliases.includes(h));
  if (i >= 0) return { index: i, name: names[i] };
  if (names.length === 1) return { index: 0, name: names[0] };
  const wanted = kind === 'auto' ? 'recognised identifier column (phone, unionid, openid, external_userid or member_id)' : `${COLUMN_ALIASES[kind][0]} column`;
  return { problem: `the file has no ${wanted}; name the column to read (its columns are: ${names.join(', ')})` };
}

/** How to look a value up, or why it cannot match anyone. */
export type Lookup =
  | { by: 'memberId'; id: number }
  | { by: 'phone'; phone: string }
  | { by: 'identity'; types: IdentityType[]; value: string; label: string }
  | { by: 'none'; reason: UnmatchedReason; message: string };

/** Reads one cell as the given kind; `auto` takes a phone number, then a member id, then any WeChat identity. Pure. */
export function classify(raw: string | undefined, kind: IdentifierKind): Lookup {
  const v = (raw ?? '').trim();
  if (!v) return { by: 'none', reason: 'empty', message: 'the cell is empty' };
  const asId = () => (/^\d{1,10}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_MEMBER_ID ? { by: 'memberId' as const, id: Number(v) } : null);
  const asIdentity = (types: IdentityType[], label: string): Lookup =>
    v.length > 128 || /\s/.test(v) ? { by: 'none', reason: 'invalid', message: `not a valid ${label}` } : { by: 'identity', types, value: v, label };
  switch (kind) {
    case 'memberId':
      return asId() ?? { by: 'none', reason: 'invalid', message: 'not a member id (a whole number)' };
    case 'phone': {
      const phone = normalizePhone(v);
      return phone ? { by: 'phone', phone } : { by: 'none', reason: 'invalid', message: 'not a mobile number' };
    }
    case 'unionid':
      return asIdentity(IDENTITY_TYPES_OF.unionid, 'unionid');
    case 'openid':
      return asIdentity(IDENTITY_TYPES_OF.openid, 'openid');
    case 'externalUserId':
      return asIdentity(IDENTITY_TYPES_OF.externalUserId, 'external userid');
    case 'auto': {
      const phone = normalizePhone(v);
      if (phone) return { by: 'phone', phone };
      return asId() ?? asIdentity(ANY_IDENTITY, 'identifier');
    }
  }
}

/** The sentence for a value that is well-formed but belongs to nobody. */
export function notFoundMessage(l: Exclude<Lookup, { by: 'none' }>): string {
  if (l.by === 'memberId') return `no member with id ${l.id}`;
  if (l.by === 'phone') return 'no member has this phone number';
  return `no member has this ${l.label}`;
}
