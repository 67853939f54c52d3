import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

const PHONE_CODE_TTL_MS = 5 * 60_000;

export type SubscribeAnswer = 'accept' | 'reject';
export type CreditUse = 'ok' | 'no_credit' | 'unknown_template';

/**
 * What the sandbox WeChat remembers about mini-program users: subscribe-message credits (each
 * "accept" in wx.requestSubscribeMessage allows one send of that template; they add up) and the
 * one-time codes of the phone-number button. An app's template library is every template its users
 * were ever asked about. One process's memory, like the rest of the sandbox.
 */
@Injectable()
export class SandboxMiniappState {
  private readonly credits = new Map<string, number>();
  private readonly templates = new Map<string, Set<string>>();
  private readonly phoneCodes = new Map<string, { appId: string; openid: string; phone: string; expiresAt: number }>();

  answerSubscribe(appId: string, openid: string, templateId: string, answer: SubscribeAnswer): number {
    const known = this.templates.get(appId) ?? new Set<string>();
    known.add(templateId);
    this.templates.set(appId, known);
    const key = creditKey(appId, openid, templateId);
    if (answer === 'accept') this.credits.set(key, (this.credits.get(key) ?? 0) + 1);
    return this.credits.get(key) ?? 0;
  }

  creditsOf(appId: string, openid: string, templateId: string): number {
    return this.credits.get(creditKey(appId, openid, templateId)) ?? 0;
  }

  /** Spends one credit for a send, or says why there is none. */
  useCredit(appId: string, openid: string, templateId: string): CreditUse {
    if (!this.templates.get(appId)?.has(templateId)) return 'unknown_template';
    const key = creditKey(appId, openid, templateId);
    const left = this.credits.get(key) ?? 0;
    if (left <= 0) return 'no_credit';
    if (left === 1) this.credits.delete(key);
    else this.credits.set(key, left - 1);
    return 'ok';
  }

  /** What the getPhoneNumber button hands the page: a code for this user's number, valid 5 minutes, once. */
  issuePhoneCode(appId: string, openid: string, phone: string, now = Date.now()): string {
    for (const [c, v] of this.phoneCodes) if (v.expiresAt < now) this.phoneCodes.delete(c);
    const code = `sbxph_${randomBytes(18).toString('base64url')}`;
    this.phoneCodes.set(code, { appId, openid, phone, expiresAt: now + PHONE_CODE_TTL_MS });
    return code;
  }

  redeemPhoneCode(appId: string, code: string, now = Date.now()): { openid: string; phone: string } | null {
    const entry = this.phoneCodes.get(code);
    if (!entry || entry.appId !== appId || entry.expiresAt < now) return null;
    this.phoneCodes.delete(code);
    return { openid: entry.openid, phone: entry.phone };
  }
}

function creditKey(appId: string, openid: string, templateId: string): string {
  return `${appId}\n${openid}\n${templateId}`;
}
