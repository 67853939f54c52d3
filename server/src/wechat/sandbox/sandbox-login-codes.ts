import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const CODE_TTL_MS = 5 * 60_000;

/**
 * The sandbox's wx.login codes: self-contained (appid + openid + expiry, signed), valid five minutes
 * and, as in WeChat, usable once.
 */
export class SandboxLoginCodes {
  private readonly used = new Map<string, number>();

  constructor(private readonly key: Buffer) {}

  issue(appId: string, openid: string, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ a: appId, o: openid, e: now + CODE_TTL_MS, n: randomBytes(4).toString('hex') })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** Returns the openid for a fresh, unused code of this app; null otherwise. */
  redeem(appId: string, code: string, now = Date.now()): string | null {
    const [body, sig] = code.split('.');
    if (!body || !sig) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let payload: { a: string; o: string; e: number };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (payload.a !== appId || payload.e < now || this.used.has(code)) return null;
    for (const [c, exp] of this.used) if (exp < now) this.used.delete(c);
    this.used.set(code, payload.e);
    return payload.o;
  }

  private sign(body: string) {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 32);
  }
}
