import { createHmac, timingSafeEqual } from 'node:crypto';

export const MEMBER_CODE_TTL_SECONDS = 300;

/**
 * The member QR code: `M1.<memberId>.<expiresAt>.<signature>`. Short-lived so a screenshot is
 * useless tomorrow; signed so staff scanning it at the counter know it is genuine.
 */
export class MemberCodes {
  constructor(private readonly key: Buffer) {}

  issue(memberId: number, now = Date.now()): { code: string; expiresAt: Date } {
    const exp = Math.floor(now / 1000) + MEMBER_CODE_TTL_SECONDS;
    const body = `M1.${memberId}.${exp}`;
    return { code: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The member id of a genuine, unexpired code; null otherwise. */
  verify(code: string, now = Date.now()): number | null {
    const m = /^M1\.(\d{1,12})\.(\d{10})\.([A-Za-z0-9_-]{22})$/.exec(code);
    if (!m) return null;
    const expected = Buffer.from(this.sign(`M1.${m[1]}.${m[2]}`));
    if (!timingSafeEqual(expected, Buffer.from(m[3]))) return null;
    if (Number(m[2]) * 1000 < now) return null;
    return Number(m[1]);
  }

  private sign(body: string) {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}
