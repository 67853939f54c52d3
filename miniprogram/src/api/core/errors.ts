// Errors thrown by the request module. The server's error body is
// { statusCode, error, message, details?: [{ field, message }] }.

export interface ApiErrorDetail {
  field: string
  message: string
}

export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly details: ApiErrorDetail[]

  constructor(statusCode: number, message: string, code = '', details: ApiErrorDetail[] = []) {
    super(message)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
    this.details = details
  }

  /** The message of the detail about `field`, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message
  }
}

export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试'

const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容有误',
  401: '登录已失效，请重新进入',
  403: '没有权限进行此操作',
  404: '内容不存在',
  409: '内容已存在',
  413: '内容过大',
  429: '操作太频繁，请稍后再试',
}

function messageFromBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const m = (body as { message?: unknown }).message
  if (typeof m === 'string' && m) return m
  if (Array.isArray(m) && m.length && typeof m[0] === 'string') return m.join('；')
  return undefined
}

function detailsFromBody(body: unknown): ApiErrorDetail[] {
  if (!body || typeof body !== 'object') return []
  const d = (body as { details?: unknown }).details
  if (!Array.isArray(d)) return []
  return d
    .filter((x): x is { field?: unknown; message?: unknown } => !!x && typeof x === 'object')
    .map((x) => ({ field: String(x.field ?? ''), message: String(x.message ?? '') }))
}

/** Builds the error for a non-2xx response. */
export function toApiError(statusCode: number, body: unknown): ApiError {
  // A 5xx message is for operators (and in English): members get a plain Chinese one.
  const fromBody = statusCode >= 500 ? undefined : messageFromBody(body)
  const code = body && typeof body === 'object' ? String((body as { error?: unknown }).error ?? '') : ''
  const fallback = STATUS_MESSAGES[statusCode] ?? (statusCode >= 500 ? '服务暂时不可用，请稍后重试' : `请求失败（${statusCode}）`)
  return new ApiError(statusCode, fromBody ?? fallback, code, detailsFromBody(body))
}

/** A message fit to show a person, whatever was thrown. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err && typeof err === 'object' && 'errMsg' in err) {
    const msg = String((err as { errMsg?: unknown }).errMsg ?? '')
    if (/request:fail|Failed to fetch|NetworkError|timeout|abort/i.test(msg)) return NETWORK_ERROR_MESSAGE
  }
  if (err instanceof Error && err.message) {
    if (/Failed to fetch|NetworkError|request:fail/i.test(err.message)) return NETWORK_ERROR_MESSAGE
    return err.message
  }
  return '出错了，请稍后重试'
}
