/**
 * How one change to a staff–customer relation applies to what we know, whatever order the news
 * arrives in (pushes can be late, an import can run between a push and its processing). Pure.
 */
export type FollowChange =
  | { kind: 'added'; at: Date; state?: string | null; addWay?: number | null; remark?: string | null }
  | { kind: 'removed'; at: Date; by: 'staff_deleted' | 'customer_deleted' | null };

export interface FollowFacts {
  addedAt: Date | null;
  removedAt: Date | null;
}

export interface FollowPatch {
  addedAt?: Date | null;
  removedAt?: Date | null;
  removedBy?: 'staff_deleted' | 'customer_deleted' | null;
  state?: string | null;
  addWay?: number | null;
  remark?: string | null;
}

/** The columns to write, or null when the change is older than what we already know. */
export function applyFollowChange(current: FollowFacts | null, change: FollowChange): FollowPatch | null {
  const t = change.at.getTime();
  const added = current?.addedAt ? new Date(current.addedAt).getTime() : null;
  const removed = current?.removedAt ? new Date(current.removedAt).getTime() : null;
  if (change.kind === 'added') {
    if (removed !== null && removed > t) return null; // removed after this add: the add is history
    if (removed === null && added !== null && added > t) return null; // a later add is already known
    const patch: FollowPatch = { addedAt: change.at, removedAt: null, removedBy: null };
    if (change.state !== undefined) patch.state = change.state;
    if (change.addWay !== undefined) patch.addWay = change.addWay;
    if (change.remark !== undefined) patch.remark = change.remark;
    return patch;
  }
  if (added !== null && added > t) return null; // re-added after this removal
  if (removed !== null && removed >= t) return null;
  return { removedAt: change.at, removedBy: change.by };
}
