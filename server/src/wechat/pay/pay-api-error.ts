/** WeChat Pay v3 answers failures with an HTTP status and `{code, message}`; this types them. */

export type PayErrorKind =
  | 'transient' // network, 5xx SYSTEM_ERROR, 429 FREQUENCY_LIMITED: retry with the same out_trade_no
  | 'bad_credentials' // 401 SIGN_ERROR, an answer whose signature does not check, an incomplete Pay account
  | 'bad_request' // 400 PARAM_ERROR, INVALID_REQUEST, APPID_MCHID_NOT_MATCH …: fix the request
  | 'not_found' // 404 ORDER_NOT_EXIST
  | 'permanent'; // 403 NO_AUTH and everything else

export class PayApiError extends Error {
  readonly kind: PayErrorKind;
  constructor(
    /** Pay's error code (SIGN_ERROR, PARAM_ERROR, …), or one of our own: NETWORK, BAD_ANSWER, BAD_SIGNATURE, NO_ACCOUNT, CLIENT_ERROR */
    public readonly code: string,
    public readonly detail: string,
    public readonly api: string,
    /** 0 when no HTTP answer came */
    public readonly httpStatus: number,
  ) {
    super(`WeChat Pay ${api} failed: ${httpStatus || 'no answer'} ${code} ${detail}`);
    this.kind = payErrorKind(code, httpStatus);
  }

  get retryable(): boolean {
    return this.kind === 'transient';
  }
}

export function payErrorKind(code: string, httpStatus: number): PayErrorKind {
  if (code === 'NO_ACCOUNT') return 'bad_credentials';
  if (code === 'CLIENT_ERROR') return 'permanent';
  if (httpStatus === 0 || httpStatus >= 500 || httpStatus === 429 || code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED') return 'transient';
  if (httpStatus === 401 || code === 'SIGN_ERROR' || code === 'BAD_SIGNATURE') return 'bad_credentials';
  if (httpStatus === 404 || code === 'ORDER_NOT_EXIST' || code === 'RESOURCE_NOT_EXISTS') return 'not_found';
  if (httpStatus === 400) return 'bad_request';
  return 'permanent';
}

/** A failed answer's body: Pay's `{code, message}` when it is one. */
export function payErrorFrom(api: string, status: number, body: unknown): PayApiError {
  const b = body && typeof body === 'object' ? (body as { code?: unknown; message?: unknown }) : {};
  const code = typeof b.code === 'string' && b.code ? b.code : `HTTP_${status}`;
  const message = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body.slice(0, 200) : '';
  return new PayApiError(code, message, api, status);
}
