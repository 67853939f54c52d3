import type { AutoReply, AutoReplyTrigger, ChannelAccount, KeywordMatch, SaveAutoReplyBody } from '@/api/types'

export const TRIGGERS: AutoReplyTrigger[] = ['subscribe', 'keyword', 'message']
export const MATCHES: KeywordMatch[] = ['exact', 'contains']
/** Limits mirrored from the server's DTO. */
export const KEYWORD_MAX = 30
export const REPLY_MAX = 600
/** Select value standing for "every OA account" (null on the wire; Element Plus treats null as empty). */
export const ALL_ACCOUNTS = 0

export const TRIGGER_TAG: Record<AutoReplyTrigger, 'success' | 'primary' | 'warning'> = {
  subscribe: 'success',
  keyword: 'primary',
  message: 'warning',
}

export interface AutoReplyForm {
  accountId: number
  trigger: AutoReplyTrigger
  keyword: string
  match: KeywordMatch
  reply: string
  enabled: boolean
}

export function emptyAutoReplyForm(): AutoReplyForm {
  return { accountId: ALL_ACCOUNTS, trigger: 'keyword', keyword: '', match: 'exact', reply: '', enabled: true }
}

export function autoReplyToForm(rule: AutoReply): AutoReplyForm {
  return {
    accountId: rule.accountId ?? ALL_ACCOUNTS,
    trigger: rule.trigger,
    keyword: rule.keyword ?? '',
    match: rule.match,
    reply: rule.reply,
    enabled: rule.enabled,
  }
}

/**
 * Body for POST and PATCH alike. The keyword belongs to keyword rules only; `match` always goes
 * (the API requires it) and is kept as it was on other rules, where it means nothing.
 */
export function autoReplyFormToBody(form: AutoReplyForm): SaveAutoReplyBody {
  const body: SaveAutoReplyBody = {
    accountId: form.accountId === ALL_ACCOUNTS ? null : form.accountId,
    trigger: form.trigger,
    match: form.match,
    reply: form.reply,
    enabled: form.enabled,
  }
  if (form.trigger === 'keyword') body.keyword = form.keyword.trim()
  return body
}

export type AutoReplyProblem = 'required' | 'invalid'

export function checkKeyword(form: Pick<AutoReplyForm, 'trigger' | 'keyword'>): AutoReplyProblem | null {
  if (form.trigger !== 'keyword') return null
  const v = form.keyword.trim()
  if (!v) return 'required'
  return v.length > KEYWORD_MAX ? 'invalid' : null
}

export function checkReply(reply: string): AutoReplyProblem | null {
  if (!reply.trim()) return 'required'
  return reply.length > REPLY_MAX ? 'invalid' : null
}

/** The reply's first line, cut to `max` characters, for the table ("…" when anything is left out). */
export function replyPreview(reply: string, max = 40): string {
  const cut = (reply.split('\n').find((l) => l.trim()) ?? '').slice(0, max)
  return cut === reply ? reply : `${cut}…`
}

/** "Name (wx…)" for a rule's account; null means every OA account (the caller names that). */
export function accountLabel(accountId: number | null, accounts: Pick<ChannelAccount, 'id' | 'name' | 'appId'>[]): string | null {
  if (accountId === null) return null
  const account = accounts.find((a) => a.id === accountId)
  return account ? `${account.name} (${account.appId ?? ''})` : `#${accountId}`
}

/** Rules in the order they apply: by trigger, then keyword ones alphabetically; stable otherwise. */
export function sortRules(rules: AutoReply[]): AutoReply[] {
  const rank = (r: AutoReply) => TRIGGERS.indexOf(r.trigger)
  return [...rules].sort((a, b) => rank(a) - rank(b) || (a.keyword ?? '').localeCompare(b.keyword ?? '') || a.id - b.id)
}
