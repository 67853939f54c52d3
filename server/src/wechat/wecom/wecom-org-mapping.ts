import { maskPhone } from '../../platform/crypto/secret-box';
import { DirectoryUser } from './wecom-api.types';

/** Pure rules of the organisation sync, kept apart so they can be read and tested on their own. */

/** The store a department is auto-mapped to: the one store with exactly its name (none when ambiguous). */
export function storeWithSameName(name: string, stores: { id: number; name: string }[]): number | null {
  const same = stores.filter((s) => s.name === name);
  return same.length === 1 ? same[0].id : null;
}

/** WeCom lists a member under every department they are in; one entry per userid, departments merged. */
export function mergeUsers(lists: DirectoryUser[][]): DirectoryUser[] {
  const byId = new Map<string, DirectoryUser>();
  for (const u of lists.flat()) {
    const seen = byId.get(u.userid);
    if (!seen) {
      byId.set(u.userid, { ...u, department: [...u.department], is_leader_in_dept: [...(u.is_leader_in_dept ?? u.department.map(() => 0))] });
      continue;
    }
    u.department.forEach((d, i) => {
      if (seen.department.includes(d)) return;
      seen.department.push(d);
      seen.is_leader_in_dept!.push(u.is_leader_in_dept?.[i] ?? 0);
    });
  }
  return [...byId.values()];
}

/** What we keep of a WeCom member: departments, the ones they lead, and only a masked mobile. */
export function staffColumns(u: DirectoryUser) {
  const departmentIds = [...u.department];
  return {
    name: u.name.slice(0, 64),
    position: u.position ? u.position.slice(0, 128) : null,
    mobileMasked: u.mobile ? maskPhone(u.mobile) : null,
    departmentIds,
    leaderDepartmentIds: departmentIds.filter((_, i) => u.is_leader_in_dept?.[i] === 1),
    status: u.status,
  };
}

/** An admin username for a WeCom userid: the userid itself when our username rules allow it. */
export function usernameFor(userid: string): string {
  if (/^[a-zA-Z0-9_.-]{3,64}$/.test(userid)) return userid;
  const cleaned = userid.replace(/[^a-zA-Z0-9_.-]/g, '_');
  return `wecom_${cleaned}`.slice(0, 64);
}

/** A store code for a store created from a WeCom department (unique per corp account and department). */
export function storeCodeFor(accountId: number, deptId: number, attempt = 0): string {
  return `WC${accountId}-D${deptId}${attempt ? `-${attempt}` : ''}`;
}
