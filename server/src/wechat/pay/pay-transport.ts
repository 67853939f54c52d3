import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import { PlatformKeys, WechatCryptoError, verifyPayNotify } from '../crypto';
import { PayApiError } from './pay-api-error';

/** The host wechatpay-node-v3 writes into every URL it calls. */
export const LIVE_PAY_ORIGIN = 'https://api.mch.weixin.qq.com';

const TIMEOUT_MS = 10_000;

/**
 * wechatpay-node-v3's HTTP layer, swapped in with `createHttp()`: the library hard-codes
 * api.mch.weixin.qq.com in each method, so this sends the request to where WeChat Pay is (the
 * sandbox in sandbox mode; the signature covers only the path, so it still holds), and checks the
 * Wechatpay-Signature of successful answers with the platform key before the library sees them.
 * Failed answers come back as `{status, error: body}`, as the library's own transport returns them.
 */
export class PayTransport implements IPayRequest {
  constructor(
    private readonly origin: () => string,
    /** null when the account has no platform key to check answers with */
    private readonly platformKeys: PlatformKeys | null,
  ) {}

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Output> {
    // the library signs JSON.stringify(params): send exactly those bytes
    return this.send('POST', url, JSON.stringify(params), headers);
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, undefined, headers);
  }

  upload(): Promise<Output> {
    throw new Error('uploads are not used');
  }

  private async send(method: string, url: string, body: string | undefined, headers: Record<string, string>): Promise<Output> {
    const target = url.startsWith(LIVE_PAY_ORIGIN) ? this.origin() + url.slice(LIVE_PAY_ORIGIN.length) : url;
    const api = new URL(url).pathname;
    const { 'Accept-Encoding': _gzip, ...sendHeaders } = headers;
    let res: Response;
    try {
      res = await fetch(target, { method, body, headers: sendHeaders, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      throw new PayApiError('NETWORK', (e as Error).message, api, 0);
    }
    const text = await res.text();
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      if (res.ok) throw new PayApiError('BAD_ANSWER', 'an answer that is not JSON', api, res.status);
    }
    if (!res.ok) return { status: res.status, error: data ?? text };
    if (this.platformKeys) {
      try {
        verifyPayNotify({ headers: Object.fromEntries(res.headers), body: text, platformKeys: this.platformKeys });
      } catch (e) {
        if (e instanceof WechatCryptoError) throw new PayApiError('BAD_SIGNATURE', `the answer's Wechatpay-Signature does not check: ${e.message}`, api, res.status);
        throw e;
      }
    }
    return { status: res.status, data };
  }
}
