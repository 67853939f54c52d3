/**
 * The pure parts of live segment membership: which segments a change can affect, who enters and who
 * leaves, and the dedupe keys that make a replayed evaluation store no event twice.
 */
import type { NewEvent } from '../../events/events.service';

/** A change that may affect any segment (a new member, a merge): re-evaluate against all of them. */
export const ANY_READ = '*';

/** Why a member entered or left, as shown on their timeline. */
/** changed: the member changed; time: the sweep; rule: the rule changed; merged; reconcile: the daily full check caught a miss. */
export type MembershipReason = 'changed' | 'time' | 'rule' | 'merged' | 'reconcile';

/** Whether a change (what it touched) can alter a segment's answer (what its rule reads). */
export function affects(segmentReads: ReadonlySet<string>, changed: Iterable<string>): boolean {
  for (const r of changed) if (r === ANY_READ || segmentReads.has(r)) return true;
  return false;
}

/** The members to evaluate for one segment: those with a change its rule reads. */
export function membersAffected(segmentReads: ReadonlySet<string>, pending: ReadonlyMap<number, ReadonlySet<string>>): number[] {
  return [...pending].filter(([, reads]) => affects(segmentReads, reads)).map(([id]) => id);
}

/** Who of the evaluated members enters (matches, not in yet) and who leaves (in, no longer matches). */
export function diffMembership(evaluated: number[], matched: ReadonlySet<number>, current: ReadonlyMap<number, Date>): { enter: number[]; leave: { memberId: number; enteredAt: Date }[] } {
  const enter: number[] = [];
  const leave: { memberId: number; enteredAt: Date }[] = [];
  for (const id of new Set(evaluated)) {
    const since = current.get(id);
    if (matched.has(id) && !since) enter.push(id);
    else if (!matched.has(id) && since) leave.push({ memberId: id, enteredAt: since });
  }
  return { enter, leave };
}

/**
 * A stay in a segment is named by its segment, member and the instant it began: entering and leaving
 * events of one stay get one key each, whoever (or however often) the evaluation runs.
 */
export function enteredKey(segmentId: number, memberId: number, enteredAt: Date): string {
  return `segment.entered:${segmentId}:${memberId}:${enteredAt.getTime()}`;
}

export function leftKey(segmentId: number, memberId: number, enteredAt: Date): string {
  return `segment.left:${segmentId}:${memberId}:${enteredAt.getTime()}`;
}

/** The timeline event for a member entering or leaving a segment. */
export function membershipEvent(
  kind: 'entered' | 'left',
  segment: { id: number; name: string },
  memberId: number,
  stay: { enteredAt: Date; at: Date },
  reason: MembershipReason,
): NewEvent {
  return {
    type: `segment.${kind}`,
    source: 'system',
    dedupeKey: kind === 'entered' ? enteredKey(segment.id, memberId, stay.enteredAt) : leftKey(segment.id, memberId, stay.enteredAt),
    occurredAt: stay.at,
    properties: { segmentId: segment.id, segmentName: segment.name, reason },
    memberId,
  };
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: a DATETIME(3) on MySQL, comparable text on SQLite. */
export function toDbMillis(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Groups claimed pending rows by member: what changed about each. */
export function groupPending(rows: { memberId: number; readKey: string }[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.memberId) ?? new Set<string>();
    set.add(r.readKey);
    out.set(r.memberId, set);
  }
  return out;
}

/** The segments whose rule includes segment `id`, directly or through other dynamic segments (and `id` itself). */
export function dependentsOf(id: number, rules: ReadonlyMap<number, unknown>): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [sid, rule] of rules) {
      if (!out.has(sid) && [...out].some((target) => refersTo(rule, target))) {
        out.add(sid);
        grew = true;
      }
    }
  }
  return out;
}

/** Searches the whole tree (any rule kind may nest others), not only groups. */
function refersTo(rule: unknown, id: number): boolean {
  if (!rule || typeof rule !== 'object') return false;
  const r = rule as { kind?: unknown; segmentId?: unknown };
  if (r.kind === 'segment' && r.segmentId === id) return true;
  return Object.values(rule).some((v) => refersTo(v, id));
}
