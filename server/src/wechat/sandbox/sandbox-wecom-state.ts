import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BadInputError } from '../../platform/errors/app-error';
import { SandboxState } from './sandbox-state.service';
import { SbxDepartment, SbxTagGroup, SbxUser, seedDepartments, seedTagGroups, seedUsers } from './sandbox-wecom-seed';

/** How WeCom answers a refused call: HTTP 200 with an errcode. */
export interface WecomFailure {
  errcode: number;
  errmsg: string;
}

export const fail = (errcode: number, errmsg: string): WecomFailure => ({ errcode, errmsg });
export const failed = (v: unknown): v is WecomFailure => typeof v === 'object' && v !== null && 'errcode' in v;

export interface SbxCustomer {
  external_userid: string;
  name: string;
  type: 1 | 2;
  avatar: string;
  gender: 0 | 1 | 2;
  unionid: string;
}

export interface SbxFollow {
  userid: string;
  remark: string;
  description: string;
  createtime: number;
  add_way: number;
  state: string;
  oper_userid: string;
  tagIds: string[];
}

interface SbxCorp {
  departments: Map<number, SbxDepartment>;
  users: Map<string, SbxUser>;
  customers: Map<string, SbxCustomer>;
  /** external_userid → staff userid → relation */
  follows: Map<string, Map<string, SbxFollow>>;
  tagGroups: SbxTagGroup[];
}

export interface NewCustomerRelation {
  userId: string;
  externalUserId: string;
  name?: string;
  unionid?: string;
  state?: string;
  remark?: string;
  addWay?: number;
  createTime?: number;
}

export interface DirectoryChange {
  departments?: { id: number; name: string; parentId: number; order?: number }[];
  users?: { userid: string; name: string; departments: number[]; position?: string; mobile?: string; leaderOf?: number[]; status?: 1 | 2 | 4 | 5 }[];
  removeUserIds?: string[];
  removeDepartmentIds?: number[];
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * The sandbox WeCom's memory per corp: its directory (departments, staff), its customers and who
 * follows them, and its corp tag library. Seeded with a believable corp the first time one is seen.
 */
@Injectable()
export class SandboxWecomState {
  private readonly corps = new Map<string, SbxCorp>();
  constructor(private readonly state: SandboxState) {}

  corp(corpId: string): SbxCorp {
    let c = this.corps.get(corpId);
    if (!c) {
      c = {
        departments: new Map(seedDepartments().map((d) => [d.id, d])),
        users: new Map(seedUsers().map((u) => [u.userid, u])),
        customers: new Map(),
        follows: new Map(),
        tagGroups: seedTagGroups(now(), newTagId),
      };
      this.corps.set(corpId, c);
    }
    return c;
  }

  // ---- directory ----

  departments(corpId: string): (SbxDepartment & { department_leader: string[] })[] {
    const c = this.corp(corpId);
    return [...c.departments.values()].map((d) => ({ ...d, department_leader: leadersOf(c, d.id) }));
  }

  /** The department and all below it, as department/list answers. */
  departmentTree(corpId: string, rootId?: number): (SbxDepartment & { department_leader: string[] })[] | WecomFailure {
    const all = this.departments(corpId);
    if (rootId === undefined) return all;
    if (!all.some((d) => d.id === rootId)) return fail(60123, `invalid party id ${rootId}`);
    const ids = new Set([rootId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of all) {
        if (ids.has(d.id) || !ids.has(d.parentid)) continue;
        ids.add(d.id);
        grew = true;
      }
    }
    return all.filter((d) => ids.has(d.id));
  }

  users(corpId: string): SbxUser[] {
    return [...this.corp(corpId).users.values()];
  }

  user(corpId: string, userid: string): SbxUser | undefined {
    return this.corp(corpId).users.get(userid);
  }

  usersIn(corpId: string, departmentId: number, fetchChild: boolean): SbxUser[] | WecomFailure {
    const tree = this.departmentTree(corpId, departmentId);
    if (failed(tree)) return tree;
    const ids = new Set(fetchChild ? tree.map((d) => d.id) : [departmentId]);
    return this.users(corpId).filter((u) => u.status !== 5 && u.department.some((d) => ids.has(d)));
  }

  /** Adds or replaces departments and staff (control endpoint); refuses a change that breaks the tree. */
  changeDirectory(corpId: string, change: DirectoryChange): void {
    const c = this.corp(corpId);
    const depts = new Map(c.departments);
    const users = new Map(c.users);
    for (const d of change.departments ?? []) depts.set(d.id, { id: d.id, name: d.name, parentid: d.parentId, order: d.order ?? depts.get(d.id)?.order ?? 0 });
    for (const id of change.removeDepartmentIds ?? []) depts.delete(id);
    for (const id of change.removeUserIds ?? []) users.delete(id);
    for (const u of change.users ?? []) {
      const before = users.get(u.userid);
      const leaderOf = new Set(u.leaderOf ?? []);
      users.set(u.userid, {
        userid: u.userid,
        name: u.name,
        department: u.departments,
        order: u.departments.map(() => 0),
        position: u.position ?? before?.position ?? '',
        mobile: u.mobile ?? before?.mobile ?? '',
        gender: before?.gender ?? '0',
        email: before?.email ?? '',
        is_leader_in_dept: u.departments.map((d) => (leaderOf.has(d) ? 1 : 0)),
        status: u.status ?? before?.status ?? 1,
        main_department: u.departments[0],
      });
    }
    const problems: string[] = [];
    if (!depts.has(1)) problems.push('department 1 (the root) cannot be removed');
    for (const d of depts.values()) if (d.id !== 1 && !depts.has(d.parentid)) problems.push(`department ${d.id} has no parent ${d.parentid}`);
    for (const u of users.values()) for (const d of u.department) if (!depts.has(d)) problems.push(`user ${u.userid} is in unknown department ${d}`);
    if (problems.length) throw new BadInputError(problems.join('; '), problems.map((message) => ({ field: 'directory', message })));
    c.departments = depts;
    c.users = users;
  }

  // ---- customers ----

  /** Records that a staff member serves a customer (from an add_contact push or the control endpoint). */
  addCustomer(corpId: string, r: NewCustomerRelation): SbxFollow {
    const c = this.corp(corpId);
    if (!c.users.has(r.userId)) {
      // A staff member the sandbox has not heard of joins the root department, as tests expect.
      c.users.set(r.userId, { userid: r.userId, name: r.userId, department: [1], order: [0], position: '', mobile: '', gender: '0', email: '', is_leader_in_dept: [0], status: 1, main_department: 1 });
    }
    if (r.unionid) this.state.setUnionid(r.externalUserId, r.unionid);
    const existing = c.customers.get(r.externalUserId);
    c.customers.set(r.externalUserId, {
      external_userid: r.externalUserId,
      name: r.name ?? existing?.name ?? `客户${r.externalUserId.slice(-4)}`,
      type: 1,
      avatar: existing?.avatar ?? 'https://wework.qpic.cn/sandbox/avatar/0',
      gender: existing?.gender ?? 0,
      unionid: this.unionidOf(r.externalUserId),
    });
    const follows = c.follows.get(r.externalUserId) ?? new Map<string, SbxFollow>();
    const f: SbxFollow = {
      userid: r.userId,
      remark: r.remark ?? '',
      description: '',
      createtime: r.createTime ?? now(),
      add_way: r.addWay ?? (r.state ? 1 : 0),
      state: r.state ?? '',
      oper_userid: r.externalUserId,
      tagIds: follows.get(r.userId)?.tagIds ?? [],
    };
    follows.set(r.userId, f);
    c.follows.set(r.externalUserId, follows);
    return f;
  }

  removeFollow(corpId: string, userId: string, externalUserId: string): void {
    this.corp(corpId).follows.get(externalUserId)?.delete(userId);
  }

  follow(corpId: string, userId: string, externalUserId: string): SbxFollow | undefined {
    return this.corp(corpId).follows.get(externalUserId)?.get(userId);
  }

  customersOf(corpId: string, userId: string): string[] {
    return [...this.corp(corpId).follows.entries()].filter(([, f]) => f.has(userId)).map(([ext]) => ext);
  }

  customer(corpId: string, externalUserId: string): { contact: SbxCustomer; follows: SbxFollow[] } | undefined {
    const c = this.corp(corpId);
    const contact = c.customers.get(externalUserId);
    const follows = [...(c.follows.get(externalUserId)?.values() ?? [])];
    return contact && follows.length ? { contact, follows } : undefined;
  }

  /** As if the corp were bound to the brand's open-platform account: one unionid per person. */
  unionidOf(externalUserId: string): string {
    return this.state.unionidOf(externalUserId);
  }

  // ---- corp tags ----

  tagGroups(corpId: string): SbxTagGroup[] {
    return this.corp(corpId).tagGroups;
  }

  tagById(corpId: string, tagId: string): { group: SbxTagGroup; tag: SbxTagGroup['tag'][number] } | undefined {
    for (const group of this.corp(corpId).tagGroups) {
      const tag = group.tag.find((t) => t.id === tagId);
      if (tag) return { group, tag };
    }
    return undefined;
  }

  /** add_corp_tag: into group_id, or into the group named group_name (created when new). */
  addCorpTags(corpId: string, req: { group_id?: string; group_name?: string; order?: number; tag?: { name?: string; order?: number }[] }): SbxTagGroup | WecomFailure {
    const c = this.corp(corpId);
    const names = (req.tag ?? []).map((t) => t.name ?? '');
    if (!names.length) return fail(40058, 'tag is empty');
    if (names.some((n) => !n || [...n].length > 30)) return fail(40072, 'invalid tag name length');
    if (new Set(names).size !== names.length) return fail(40071, 'duplicate tag name');
    let group = req.group_id ? c.tagGroups.find((g) => g.group_id === req.group_id) : c.tagGroups.find((g) => g.group_name === req.group_name);
    if (req.group_id && !group) return fail(40068, `invalid tagid ${req.group_id}`);
    if (!group) {
      if (!req.group_name || [...req.group_name].length > 30) return fail(40058, 'group_id or group_name (1-30 characters) is required');
      group = { group_id: newTagId(), group_name: req.group_name, create_time: now(), order: req.order ?? 0, tag: [] };
      c.tagGroups.push(group);
    }
    const taken = names.find((n) => group.tag.some((t) => t.name === n));
    if (taken) return fail(40071, `tag name ${taken} exists in the group`);
    const added = (req.tag ?? []).map((t) => ({ id: newTagId(), name: t.name!, create_time: now(), order: t.order ?? 0 }));
    group.tag.push(...added);
    return { ...group, tag: added };
  }

  /** mark_tag: checks the staff member, the relation and every tag id, then changes the relation's tags. */
  markTag(corpId: string, req: { userid?: string; external_userid?: string; add_tag?: string[]; remove_tag?: string[] }): WecomFailure | null {
    if (!req.userid) return fail(41009, 'missing userid');
    if (!this.user(corpId, req.userid)) return fail(60111, `userid not found: ${req.userid}`);
    if (!req.external_userid) return fail(41035, 'missing external userid');
    const f = this.follow(corpId, req.userid, req.external_userid);
    if (!f) return fail(84061, 'not external contact');
    const add = req.add_tag ?? [];
    const remove = req.remove_tag ?? [];
    if (!add.length && !remove.length) return fail(41017, 'missing tagid');
    const unknown = [...add, ...remove].find((id) => !this.tagById(corpId, id));
    if (unknown) return fail(40068, `invalid tagid ${unknown}`);
    f.tagIds = [...new Set([...f.tagIds.filter((id) => !remove.includes(id)), ...add])];
    return null;
  }
}

function leadersOf(c: SbxCorp, deptId: number): string[] {
  return [...c.users.values()].filter((u) => u.department.some((d, i) => d === deptId && u.is_leader_in_dept[i] === 1)).map((u) => u.userid);
}

function newTagId(): string {
  return `et${randomBytes(12).toString('base64url').replace(/[-_]/g, 'A')}`;
}
