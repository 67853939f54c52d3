import type { OaEmitBody, OaEmitKind, SandboxCall, SandboxFaultBody, WecomEmitBody, WecomEmitKind } from '@/api/types'

export const OA_KINDS: OaEmitKind[] = ['subscribe', 'unsubscribe', 'scan', 'text', 'click', 'view', 'location', 'template_result']
export const WECOM_KINDS: WecomEmitKind[] = [
  'add_contact',
  'edit_contact',
  'del_contact',
  'del_follow_user',
  'join_group',
  'leave_group',
  'tag_changed',
]
export const OA_MODES = ['auto', 'safe', 'compat', 'plain'] as const
export type OaMode = (typeof OA_MODES)[number]

export type OaExtraField = 'scene' | 'content' | 'key' | 'url' | 'latitude' | 'longitude' | 'msgId' | 'status'
export type WecomExtraField = 'userId' | 'externalUserId' | 'state' | 'chatId' | 'tagId'

/** The inputs each OA push kind uses besides account and openid. */
export const OA_KIND_FIELDS: Record<OaEmitKind, OaExtraField[]> = {
  subscribe: ['scene'],
  unsubscribe: [],
  scan: ['scene'],
  text: ['content'],
  click: ['key'],
  view: ['url'],
  location: ['latitude', 'longitude'],
  template_result: ['msgId', 'status'],
}

/** The inputs each WeCom event kind uses besides the corp. */
export const WECOM_KIND_FIELDS: Record<WecomEmitKind, WecomExtraField[]> = {
  add_contact: ['userId', 'externalUserId', 'state'],
  edit_contact: ['userId', 'externalUserId'],
  del_contact: ['userId', 'externalUserId'],
  del_follow_user: ['userId', 'externalUserId'],
  join_group: ['chatId', 'externalUserId'],
  leave_group: ['chatId', 'externalUserId'],
  tag_changed: ['tagId'],
}

export const OPENID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function randomToken(length: number, random: () => number = Math.random): string {
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')
}

/** A made-up OA openid for the "consumer" the operator plays (real ones are 28 characters). */
export function newSandboxOpenid(random?: () => number): string {
  return `oSandbox${randomToken(20, random)}`
}

export function newSandboxExternalUserId(random?: () => number): string {
  return `wmSandbox${randomToken(20, random)}`
}

export interface OaEmitForm {
  appId: string
  kind: OaEmitKind
  openid: string
  mode: OaMode
  scene: string
  content: string
  key: string
  url: string
  latitude: string
  longitude: string
  msgId: string
  status: string
}

export function emptyOaForm(openid: string): OaEmitForm {
  return {
    appId: '',
    kind: 'subscribe',
    openid,
    mode: 'auto',
    scene: '',
    content: '',
    key: '',
    url: '',
    latitude: '',
    longitude: '',
    msgId: '',
    status: '',
  }
}

function toNumber(raw: string): number | undefined {
  if (!raw.trim()) return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : undefined
}

/** Request body: only the fields the kind uses, non-empty; "auto" mode lets the server choose. */
export function oaEmitBody(form: OaEmitForm): OaEmitBody {
  const body: OaEmitBody = { appId: form.appId, kind: form.kind, openid: form.openid.trim() }
  if (form.mode !== 'auto') body.mode = form.mode
  for (const field of OA_KIND_FIELDS[form.kind]) {
    if (field === 'latitude' || field === 'longitude') {
      const n = toNumber(form[field])
      if (n !== undefined) body[field] = n
    } else if (form[field].trim()) {
      body[field] = form[field].trim()
    }
  }
  return body
}

export interface WecomEmitForm {
  corpId: string
  kind: WecomEmitKind
  userId: string
  externalUserId: string
  state: string
  chatId: string
  tagId: string
}

export function emptyWecomForm(externalUserId: string): WecomEmitForm {
  return { corpId: '', kind: 'add_contact', userId: '', externalUserId, state: '', chatId: '', tagId: '' }
}

export function wecomEmitBody(form: WecomEmitForm): WecomEmitBody {
  const body: WecomEmitBody = { corpId: form.corpId, kind: form.kind }
  for (const field of WECOM_KIND_FIELDS[form.kind]) {
    const value = form[field].trim()
    if (value) body[field] = value
  }
  return body
}

/** Which identity the push is about, to find the member it produced (none for tag changes). */
export function oaSubject(body: OaEmitBody): string {
  return body.openid
}

export function wecomSubject(body: WecomEmitBody): string | null {
  return WECOM_KIND_FIELDS[body.kind].includes('externalUserId') ? (body.externalUserId ?? null) : null
}

export interface FaultForm {
  api: string
  errcode: string
  errmsg: string
  httpStatus: string
  latencyMs: string
  times: string
}

export function emptyFaultForm(): FaultForm {
  return { api: '/cgi-bin/token', errcode: '', errmsg: '', httpStatus: '', latencyMs: '', times: '' }
}

export const FAULT_API_PATTERN = /^\/[A-Za-z0-9_/.-]{1,200}$/

/** What a fault must say: the API, and at least one way to break it. */
export function faultFormProblem(form: FaultForm): 'api' | 'effect' | null {
  if (!FAULT_API_PATTERN.test(form.api.trim())) return 'api'
  if (![form.errcode, form.httpStatus, form.latencyMs].some((v) => v.trim() !== '')) return 'effect'
  return null
}

export function faultBody(form: FaultForm): SandboxFaultBody {
  const body: SandboxFaultBody = { api: form.api.trim() }
  const int = (raw: string) => (raw.trim() && Number.isInteger(Number(raw)) ? Number(raw) : undefined)
  const errcode = int(form.errcode)
  const httpStatus = int(form.httpStatus)
  const latencyMs = int(form.latencyMs)
  const times = int(form.times)
  if (errcode !== undefined) body.errcode = errcode
  if (form.errmsg.trim()) body.errmsg = form.errmsg.trim()
  if (httpStatus !== undefined) body.httpStatus = httpStatus
  if (latencyMs !== undefined) body.latencyMs = latencyMs
  if (times !== undefined) body.times = times
  return body
}

/** errcode of a recorded call's JSON response; 0 / absent on success. */
export function callErrcode(call: Pick<SandboxCall, 'response'>): number | null {
  const response = call.response as unknown
  if (response && typeof response === 'object' && 'errcode' in response) {
    const code = (response as { errcode: unknown }).errcode
    return typeof code === 'number' ? code : Number.isFinite(Number(code)) ? Number(code) : null
  }
  return null
}

/** Newest first for the table (the server returns oldest first). */
export function newestFirst(calls: SandboxCall[]): SandboxCall[] {
  return [...calls].sort((a, b) => b.id - a.id)
}

/**
 * Tries `find` until it returns something or the attempts run out: the event a push carries is
 * resolved to a member asynchronously.
 */
export async function pollFor<T>(
  find: () => Promise<T | null>,
  attempts = 8,
  delayMs = 600,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T | null> {
  for (let i = 0; i < attempts; i += 1) {
    const found = await find().catch(() => null)
    if (found !== null && found !== undefined) return found
    if (i < attempts - 1) await sleep(delayMs)
  }
  return null
}

export const OPENID_STORAGE_KEY = 'sandbox.openid'
export const EXTERNAL_USER_STORAGE_KEY = 'sandbox.externalUserId'

export const callColumns = [
  { prop: 'at', label: 'sandbox.calls.at', width: 170 },
  { prop: 'method', label: 'sandbox.calls.method', width: 90 },
  { prop: 'api', label: 'sandbox.calls.api', minWidth: 260 },
  { prop: 'status', label: 'sandbox.calls.status', width: 90 },
  { prop: 'errcode', label: 'sandbox.calls.errcode', width: 110 },
] as const
