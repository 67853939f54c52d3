/** Form helpers for playing the mini-program user, WeChat Pay, and reading what WeCom staff received. */
import type {
  ChannelAccount,
  MiniappEmitBody,
  PayEmitBody,
  PayEmitKind,
  SandboxAppMessage,
  SandboxMsgTemplate,
  SubscribeAnswer,
} from '@/api/types'
import { OPENID_PATTERN, randomToken } from './data'

/** What WeChat's mini-program openids look like (the sandbox checks it). */
export const MP_OPENID_PATTERN = /^o[A-Za-z0-9_-]{5,63}$/
export const UNIONID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/
export const MP_OPENID_STORAGE_KEY = 'sandbox.mpOpenid'

export function newSandboxMpOpenid(random?: () => number): string {
  return `oSandboxMp${randomToken(18, random)}`
}

export interface MiniappOption {
  appId: string
  label: string
}

/** The configured mini-program first, then the enabled mini-program accounts, each once. */
export function miniappOptions(accounts: ChannelAccount[], configured: string | null): MiniappOption[] {
  const options: MiniappOption[] = []
  if (configured) options.push({ appId: configured, label: configured })
  for (const a of accounts) {
    if (a.type !== 'miniapp' || !a.enabled || !a.appId) continue
    const label = `${a.name} (${a.appId})`
    const known = options.find((o) => o.appId === a.appId)
    if (known) known.label = label
    else options.push({ appId: a.appId, label })
  }
  return options
}

/** A subscribe-message popup answers up to five templates at once. */
export const MAX_TEMPLATES = 5

export function emptyAnswer(): SubscribeAnswer {
  return { templateId: '', status: 'accept' }
}

export function subscribeBody(appId: string, openid: string, answers: SubscribeAnswer[]): MiniappEmitBody | null {
  const templates = answers
    .map((a) => ({ templateId: a.templateId.trim(), status: a.status }))
    .filter((a) => a.templateId)
    .slice(0, MAX_TEMPLATES)
  if (!appId || !MP_OPENID_PATTERN.test(openid.trim()) || !templates.length) return null
  return { appId, openid: openid.trim(), templates }
}

export const PHONE_PATTERN = /^1\d{10}$/

/** "199" / "199.9" / "199.90" yuan → fen; null when not a positive amount with at most two decimals. */
export function yuanToFen(raw: string): number | null {
  const text = raw.trim()
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null
  const [whole, fraction = ''] = text.split('.')
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return fen > 0 ? fen : null
}

export const PAY_KINDS: PayEmitKind[] = ['paid', 'refunded']

export interface PayForm {
  mchId: string
  kind: PayEmitKind
  openid: string
  appId: string
  amountYuan: string
  outTradeNo: string
  transactionId: string
}

export function emptyPayForm(openid: string): PayForm {
  return { mchId: '', kind: 'paid', openid, appId: '', amountYuan: '199.00', outTradeNo: '', transactionId: '' }
}

export type PayFormProblem = 'mchId' | 'openid' | 'amount'

export function payFormProblem(form: PayForm): PayFormProblem | null {
  if (!form.mchId) return 'mchId'
  if (!OPENID_PATTERN.test(form.openid.trim())) return 'openid'
  if (yuanToFen(form.amountYuan) === null) return 'amount'
  return null
}

export function payEmitBody(form: PayForm): PayEmitBody {
  const body: PayEmitBody = {
    mchId: form.mchId,
    kind: form.kind,
    openid: form.openid.trim(),
    amount: yuanToFen(form.amountYuan) ?? 0,
  }
  if (form.appId.trim()) body.appId = form.appId.trim()
  if (form.outTradeNo.trim()) body.outTradeNo = form.outTradeNo.trim()
  if (form.transactionId.trim()) body.transactionId = form.transactionId.trim()
  return body
}

/** The readable part of an app message: text / markdown content, or a text card's title and description. */
export function messageText(message: Pick<SandboxAppMessage, 'msgtype' | 'content'>): string {
  const c = (message.content ?? {}) as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  if (message.msgtype === 'textcard') return [str(c.title), str(c.description)].filter(Boolean).join('\n')
  return str(c.content) || JSON.stringify(message.content)
}

/** The link a text card carries, if any. */
export function messageUrl(message: Pick<SandboxAppMessage, 'msgtype' | 'content'>): string | null {
  const c = (message.content ?? {}) as Record<string, unknown>
  return message.msgtype === 'textcard' && typeof c.url === 'string' ? c.url : null
}

// a type alias (not an interface) so it can be passed as i18n named values
export type TemplateCounts = {
  waiting: number
  sent: number
  failed: number
}

/** Targets waiting for the sender, sent, and not sent (no longer a customer / monthly cap). */
export function templateCounts(template: Pick<SandboxMsgTemplate, 'targets'>): TemplateCounts {
  const counts: TemplateCounts = { waiting: 0, sent: 0, failed: 0 }
  for (const target of template.targets) {
    if (target.status === 0) counts.waiting += 1
    else if (target.status === 1) counts.sent += 1
    else counts.failed += 1
  }
  return counts
}

/** Staff members who still have customers of this task to confirm. */
export function waitingSenders(template: Pick<SandboxMsgTemplate, 'targets'>): string[] {
  return [...new Set(template.targets.filter((t) => t.status === 0).map((t) => t.userid))]
}

/** Newest first for the tables (the sandbox lists oldest first). */
export function newestMessagesFirst(messages: SandboxAppMessage[]): SandboxAppMessage[] {
  return [...messages].reverse()
}
