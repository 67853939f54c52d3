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
  const distinct = ids.length > 1 ? 'DISTINCT ' : '';
  const drive = (list: number[]): Compiled => ({ sql: `SELECT ${distinct}mt.member_id AS id FROM member_tag mt WHERE mt.tag_id IN (${list.map(() => '?').join(', ')})`, params: list });
  if (r.match === 'any') return { ...has(ids), drive: drive(ids) };
  if (r.match === 'none') {
    const h = has(ids);
    return { ...h, sql: `NOT ${h.sql}` };
  }
  const each = [...new Set(ids)].map((id) => has([id]));
  return { sql: each.map((e) => e.sql).join(' AND '), params: each.flatMap((e) => e.params), reads: ids.map((id) => `tag:${id}`), and: each.map((e, i) => ({ ...e, drive: { sql: 'SELECT mt.member_id AS id FROM member_tag mt WHERE mt.tag_id = ?', params: [[...new Set(ids)][i]] } })) };
}


/** Reachability and relations. */
export function relation(r: Record<string, unknown>, path: string, ctx: CompileContext): Compiled {
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
    case 'servedByStore': {
      // any WeCom staff member of the store (in a department mapped to it, as the org sync keeps them) has the member as a customer
      if (!Number.isInteger(r.storeId) || (r.storeId as number) < 1) throw new RuleError(`${path}.storeId`, 'must be a store id');
      const inDept = ctx.dialect === 'mysql' ? 'JSON_CONTAINS(ws.department_ids, CAST(d.dept_id AS CHAR))' : 'EXISTS (SELECT 1 FROM json_each(ws.department_ids) j WHERE j.value = d.dept_id)';
      return {
        sql:
          'EXISTS (SELECT 1 FROM wecom_contact_follow f JOIN wecom_staff ws ON ws.account_id = f.account_id AND ws.userid = f.staff_user_id AND ws.removed_at IS NULL ' +
          `JOIN wecom_department d ON d.account_id = ws.account_id AND d.store_id = ? AND ${inDept} WHERE f.member_id = m.id AND f.removed_at IS NULL)`,
        params: [r.storeId],
        reads: ['wecom_follow'],
      };
    }
    case 'consented': {
      const column = { oa: 'consent_oa', miniapp: 'consent_miniapp', wecom: 'consent_wecom', sms: 'consent_sms' }[String(r.channel)];
      if (!column) throw new RuleError(`${path}.channel`, 'must be oa, miniapp, wecom or sms');
      const field = { oa: 'consentOa', miniapp: 'consentMiniapp', wecom: 'consentWecom', sms: 'consentSms' }[String(r.channel)]!;
      return { sql: `m.${column} = 1`, params: [], reads: [`field:${field}`, 'identity'] };
    }
    default:
      throw new RuleError(`${path}.relation`, 'must be followsOa, usedMiniapp, addedByStaff, servedByStore or consented');
  }
}

