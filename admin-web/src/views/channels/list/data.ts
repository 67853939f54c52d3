import type { ChannelAccount, ChannelType, CreateChannelBody, UpdateChannelBody } from '@/api/types'

export const CHANNEL_TYPES: ChannelType[] = ['oa', 'miniapp', 'wecom', 'pay']

export const CHANNEL_TYPE_TAG: Record<ChannelType, 'success' | 'primary' | 'warning' | 'danger'> = {
  oa: 'success',
  miniapp: 'primary',
  wecom: 'warning',
  pay: 'danger',
}

export type ChannelField =
  | 'appId'
  | 'corpId'
  | 'agentId'
  | 'mchId'
  | 'secret'
  | 'token'
  | 'encodingAesKey'
  | 'apiV3Key'
  | 'privateKey'
  | 'certSerialNo'
  | 'platformPublicKey'
  | 'platformSerialNo'

/** Stored sealed on the server and never returned: blank on edit means "keep". */
export const SECRET_FIELDS: readonly ChannelField[] = ['secret', 'token', 'encodingAesKey', 'apiV3Key', 'privateKey']
/** The account's WeChat identity: fixed once created (the PATCH body has no such fields). */
export const IDENTITY_FIELDS: readonly ChannelField[] = ['appId', 'corpId', 'mchId']
/** Multi-line PEM text. */
export const PEM_FIELDS: readonly ChannelField[] = ['privateKey', 'platformPublicKey']

/** Fields shown per account type, in form order. */
export const FIELDS_BY_TYPE: Record<ChannelType, ChannelField[]> = {
  oa: ['appId', 'secret', 'token', 'encodingAesKey'],
  miniapp: ['appId', 'secret', 'token', 'encodingAesKey'],
  wecom: ['corpId', 'agentId', 'secret', 'token', 'encodingAesKey'],
  pay: ['mchId', 'apiV3Key', 'privateKey', 'certSerialNo', 'platformPublicKey', 'platformSerialNo'],
}

/** What the server requires to create each type (same list as the server's). */
export const REQUIRED_BY_TYPE: Record<ChannelType, ChannelField[]> = {
  oa: ['appId', 'secret', 'token'],
  miniapp: ['appId', 'secret'],
  wecom: ['corpId', 'agentId', 'secret', 'token', 'encodingAesKey'],
  pay: ['mchId', 'apiV3Key', 'privateKey', 'certSerialNo'],
}

/** Format checks mirrored from the server's DTO, so mistakes show before saving. */
export const FIELD_PATTERNS: Partial<Record<ChannelField, RegExp>> = {
  appId: /^wx[0-9a-zA-Z]{14,30}$/,
  corpId: /^ww[0-9a-zA-Z]{14,30}$/,
  agentId: /^[1-9]\d{0,9}$/,
  mchId: /^\d{8,12}$/,
  secret: /^[\s\S]{8,128}$/,
  token: /^[A-Za-z0-9]{3,32}$/,
  encodingAesKey: /^[A-Za-z0-9+/]{43}$/,
  apiV3Key: /^[\s\S]{32}$/,
  certSerialNo: /^[0-9A-Fa-f]{8,64}$/,
  privateKey: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/,
  platformPublicKey: /-----BEGIN (PUBLIC KEY|CERTIFICATE)-----[\s\S]+-----END (PUBLIC KEY|CERTIFICATE)-----/,
}

export type ChannelForm = { type: ChannelType; name: string; enabled: boolean } & Record<ChannelField, string>
export type FormMode = 'create' | 'edit'
export type FieldProblem = 'required' | 'invalid'

export function emptyChannelForm(type: ChannelType = 'oa'): ChannelForm {
  return {
    type,
    name: '',
    enabled: true,
    appId: '',
    corpId: '',
    agentId: '',
    mchId: '',
    secret: '',
    token: '',
    encodingAesKey: '',
    apiV3Key: '',
    privateKey: '',
    certSerialNo: '',
    platformPublicKey: '',
    platformSerialNo: '',
  }
}

/** Edit form: what the server returns; secrets stay blank (they are never sent back). */
export function channelToForm(account: ChannelAccount): ChannelForm {
  return {
    ...emptyChannelForm(account.type),
    name: account.name,
    enabled: account.enabled,
    appId: account.appId ?? '',
    corpId: account.corpId ?? '',
    agentId: account.agentId === null ? '' : String(account.agentId),
    mchId: account.mchId ?? '',
  }
}

export function isSecretField(field: ChannelField): boolean {
  return SECRET_FIELDS.includes(field)
}

/** On edit a blank secret keeps the stored one, so only non-secret required fields stay required. */
export function isRequired(type: ChannelType, field: ChannelField, mode: FormMode): boolean {
  if (!REQUIRED_BY_TYPE[type].includes(field)) return false
  return mode === 'create' || !isSecretField(field)
}

export function checkField(type: ChannelType, field: ChannelField, value: string, mode: FormMode): FieldProblem | null {
  const v = value.trim()
  if (!v) return isRequired(type, field, mode) ? 'required' : null
  // identity fields are not editable: whatever the server has is fine
  if (mode === 'edit' && IDENTITY_FIELDS.includes(field)) return null
  const pattern = FIELD_PATTERNS[field]
  return pattern && !pattern.test(v) ? 'invalid' : null
}

/** Every problem of the form (fields of other types are ignored). */
export function validateChannelForm(form: ChannelForm, mode: FormMode): Partial<Record<ChannelField | 'name', FieldProblem>> {
  const problems: Partial<Record<ChannelField | 'name', FieldProblem>> = {}
  if (!form.name.trim()) problems.name = 'required'
  for (const field of FIELDS_BY_TYPE[form.type]) {
    const problem = checkField(form.type, field, form[field], mode)
    if (problem) problems[field] = problem
  }
  return problems
}

function fieldValue(form: ChannelForm, field: ChannelField): string {
  return form[field].trim()
}

/** POST body: the type's own fields, non-empty ones only; agentId as a number. */
export function channelFormToBody(form: ChannelForm): CreateChannelBody {
  const body: CreateChannelBody = { type: form.type, name: form.name.trim() }
  for (const field of FIELDS_BY_TYPE[form.type]) {
    const value = fieldValue(form, field)
    if (!value) continue
    if (field === 'agentId') body.agentId = Number(value)
    else body[field] = value
  }
  return body
}

/**
 * PATCH body: name and enabled always; identity fields never (fixed); a secret only when typed
 * (blank = keep the stored one); other fields when filled.
 */
export function channelFormToUpdateBody(form: ChannelForm): UpdateChannelBody {
  const body: UpdateChannelBody = { name: form.name.trim(), enabled: form.enabled }
  for (const field of FIELDS_BY_TYPE[form.type]) {
    if (IDENTITY_FIELDS.includes(field)) continue
    const value = fieldValue(form, field)
    if (!value) continue
    if (field === 'agentId') body.agentId = Number(value)
    else body[field as Exclude<ChannelField, 'appId' | 'corpId' | 'mchId' | 'agentId'>] = value
  }
  return body
}

/** appId, corpId or mchId: the id WeChat knows the account by. */
export function externalId(account: Pick<ChannelAccount, 'appId' | 'corpId' | 'mchId'>): string {
  return account.appId ?? account.corpId ?? account.mchId ?? '—'
}

/** Secrets the account has stored, with their hints (never the values). */
export function storedSecrets(account: Pick<ChannelAccount, 'secrets'>): { field: string; hint: string | null }[] {
  return Object.entries(account.secrets ?? {})
    .filter(([, state]) => state?.set)
    .map(([field, state]) => ({ field, hint: state.hint }))
}

/** The server stores "ok: …" or "failed: …". */
export function parseTestResult(result: string | null): { ok: boolean; message: string } | null {
  if (!result) return null
  const m = /^(ok|failed):\s*(.*)$/s.exec(result)
  if (!m) return { ok: false, message: result }
  return { ok: m[1] === 'ok', message: m[2] }
}

export const channelColumns = [
  { prop: 'name', label: 'channels.columns.name', minWidth: 160 },
  { prop: 'type', label: 'channels.columns.type', width: 120 },
  { prop: 'externalId', label: 'channels.columns.externalId', width: 220 },
  { prop: 'callbackUrl', label: 'channels.columns.callbackUrl', minWidth: 320 },
  { prop: 'secrets', label: 'channels.columns.secrets', minWidth: 180 },
  { prop: 'lastTest', label: 'channels.columns.lastTest', width: 200 },
  { prop: 'enabled', label: 'channels.columns.enabled', width: 90 },
] as const
