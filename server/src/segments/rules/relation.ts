import { CompileContext, Compiled, RuleError } from './types';

/** Tags: has any / all / none of. */
export function tags(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
  if (r.match !== 'any' && r.match !== 'all' && r.match !== 'none') throw new RuleError(`${path}.match`, 'must be any, all or none');
  if (!Array.isArray(r.tagIds) || r.tagIds.length === 0 || r.tagIds.length > 100) throw new RuleError(`${path}.tagIds`, 'must be a list of 1-100 tag ids');
  const ids = r.tagIds.map((id, i) => {
    if (!Number.isInteger(id) || !ctx.knownTagIds.has(id as number)) throw new RuleError(`${path}.tagIds[${i}]`, `no tag ${String(id)}`);
    return id as number;
  });
  const has = (list: number[]): Compiled => ({ reads: list.map((id) => `tag:${id}`), sql: `EXISTS (SELECT 1 FROM member_tag mt WHERE mt.member_id = m.id AND mt.tag_id IN (${list.map(() => '?').join(', ')}))`, params: list });
  if (r.match === 'any') return has(ids);
  if (r.match === 'none') {
    const h = has(ids);
    return { ...h, sql: `NOT ${h.sql}` };
  }
  const each = [...new Set(ids)].map((id) => has([id]));
  return { sql: each.map((e) => e.sql).join(' AND '), params: each.flatMap((e) => e.params), reads: ids.map((id) => `tag:${id}`) };
}


/** Reachability and relations. */
export function relation(r: Record<string, unknown>, path: string): Compiled {
  const text = (v: unknown, field: string, required: boolean) => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !/^[A-Za-z0-9_.@-]{1,64}$/.test(v)) throw new RuleError(`${path}.${field}`, 'must be 1-64 letters, digits, _ . @ or -');
    return v;
  };
  switch (r.relation) {
    case 'followsOa':
    case 'usedMiniapp': {
      const appId = text(r.appId, 'appId', true);
      const type = r.relation === 'followsOa' ? 'oa_openid' : 'mp_openid';
      // following: an identity on that OA whose consent was not withdrawn (unfollowing withdraws it)
      const consent = r.relation === 'followsOa' ? ' AND (i.consent IS NULL OR i.consent = 1)' : '';
      return { sql: `EXISTS (SELECT 1 FROM member_identity i WHERE i.member_id = m.id AND i.type = ? AND i.app_id = ?${consent})`, params: [type, appId], reads: ['identity'] };
    }
    case 'addedByStaff': {
      const staff = text(r.staffUserId, 'staffUserId', true);
      const corpId = text(r.appId, 'appId', false);
      const corp = corpId ? " AND f.account_id IN (SELECT c.id FROM channel_account c WHERE c.type = 'wecom' AND c.external_id = ?)" : '';
      return { sql: `EXISTS (SELECT 1 FROM wecom_contact_follow f WHERE f.member_id = m.id AND f.staff_user_id = ? AND f.removed_at IS NULL${corp})`, params: corpId ? [staff, corpId] : [staff], reads: ['wecom_follow'] };
    }
    default:
      throw new RuleError(`${path}.relation`, 'must be followsOa, usedMiniapp or addedByStaff');
  }
}

