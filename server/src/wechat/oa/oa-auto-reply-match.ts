import type { AutoReplyTrigger, KeywordMatch } from './oa-auto-reply.entity';

export interface ReplyRule {
  id: number;
  accountId: number | null;
  trigger: AutoReplyTrigger;
  keyword: string | null;
  match: KeywordMatch;
  reply: string;
  enabled: boolean;
}

/**
 * The reply a push gets, if any: a follow gets the welcome; a text message its keyword's answer
 * (exact matches before "contains" ones), else the fallback. A rule for this account beats a
 * brand-wide one; among equals the oldest wins.
 */
export function pickReply(rules: ReplyRule[], accountId: number, fields: Record<string, string | undefined>): string | null {
  const usable = rules
    .filter((r) => r.enabled && (r.accountId === null || r.accountId === accountId))
    .sort((a, b) => Number(b.accountId !== null) - Number(a.accountId !== null) || a.id - b.id);
  if (fields.MsgType === 'event') {
    return fields.Event === 'subscribe' ? (usable.find((r) => r.trigger === 'subscribe')?.reply ?? null) : null;
  }
  if (fields.MsgType !== 'text') return null;
  const text = (fields.Content ?? '').trim();
  const keyword = (m: ReplyRule['match']) => usable.find((r) => r.trigger === 'keyword' && r.match === m && r.keyword && (m === 'exact' ? text === r.keyword : text.includes(r.keyword)));
  return (keyword('exact') ?? keyword('contains') ?? usable.find((r) => r.trigger === 'message'))?.reply ?? null;
}
