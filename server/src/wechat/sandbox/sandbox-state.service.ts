import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { SecretBox } from '../../platform/crypto/secret-box';

export interface SandboxCall {
  id: number;
  api: string;
  method: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
  at: string;
}

export interface SandboxFault {
  api: string;
  errcode?: number;
  errmsg?: string;
  httpStatus?: number;
  latencyMs?: number;
  /** how many calls it affects; unset = until cleared */
  times?: number;
}

const KEEP_CALLS = 2000;
const SECRET_PARAMS = new Set(['secret', 'corpsecret', 'access_token', 'js_code']);

/**
 * The sandbox WeChat's memory: tokens it issued, every call it received (for tests and the admin's
 * sandbox page), and the faults it was told to inject. One process's sandbox, by design.
 */
@Injectable()
export class SandboxState {
  private readonly tokens = new Map<string, { owner: string; expiresAt: number }>();
  private readonly calls: SandboxCall[] = [];
  private readonly faults = new Map<string, SandboxFault>();
  private readonly appSecrets = new Map<string, string>();
  private readonly followers = new Map<string, Map<string, { since: number; scene?: string }>>();
  private seq = 0;
  private readonly unionKey: Buffer;
  /** user/get page size (WeChat's is 10,000; tests make it small to exercise paging). */
  followerPageSize = 10_000;

  constructor(box: SecretBox) {
    this.unionKey = box.subKey('sandbox:unionid');
  }

  /** As if every app were bound to the brand's open-platform account: one unionid per person. */
  unionidOf(openid: string): string {
    return this.personOf.get(openid) ?? `oU${createHmac('sha256', this.unionKey).update(openid).digest('base64url').slice(0, 26)}`;
  }

  /**
   * The sandbox's own idea of an app's secret, as WeChat's console holds it: learnt the first time
   * the app asks for a token, so a secret changed on our side afterwards is "wrong" as it would be.
   */
  appSecret(appId: string, firstSeen: string | null): string | null {
    const known = this.appSecrets.get(appId);
    if (known !== undefined) return known;
    if (firstSeen) this.appSecrets.set(appId, firstSeen);
    return firstSeen;
  }

  issueToken(owner: string, ttlSeconds = 7200): string {
    const token = `sbx_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { owner, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  /** The app/corp the token belongs to, or an errcode as WeChat would answer. */
  checkToken(token: string | undefined): { owner: string } | { errcode: number; errmsg: string } {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const t = this.tokens.get(token);
    if (!t) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (t.expiresAt < Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return { owner: t.owner };
  }

  private readonly personOf = new Map<string, string>();

  /** Says that an openid belongs to a person with this unionid (one person, several apps). */
  setUnionid(openid: string, unionid: string): void {
    this.personOf.set(openid, unionid);
  }

  unionidFor(openid: string): string | undefined {
    return this.personOf.get(openid);
  }

  /** Who follows which OA, as the sandbox's pushes have told it. */
  setFollowing(appId: string, openid: string, following: boolean, scene?: string): void {
    const list = this.followers.get(appId) ?? new Map();
    if (following) {
      if (!list.has(openid)) list.set(openid, { since: Math.floor(Date.now() / 1000), scene });
    } else list.delete(openid);
    this.followers.set(appId, list);
  }

  private readonly oaTags = new Map<string, Map<number, { name: string; members: Set<string> }>>();

  /** The OA's user tags (tags/*): id → name and tagged openids; ids below 100 are WeChat's own. */
  tagsOf(appId: string): Map<number, { name: string; members: Set<string> }> {
    let tags = this.oaTags.get(appId);
    if (!tags) this.oaTags.set(appId, (tags = new Map([[2, { name: '星标组', members: new Set<string>() }]])));
    return tags;
  }

  /** The OA's followers in the order they followed (user/get pages through this). */
  followersOf(appId: string): string[] {
    return [...(this.followers.get(appId)?.keys() ?? [])];
  }

  /** What user/info (and batchget, per user) answers for an openid on the OA. */
  userInfo(appId: string, openid: string): Record<string, unknown> {
    const f = this.follower(appId, openid);
    if (!f) return { subscribe: 0, openid };
    return {
      subscribe: 1, openid, language: 'zh_CN', subscribe_time: f.since, unionid: this.unionidOf(openid), remark: '', groupid: 0, tagid_list: [],
      subscribe_scene: f.scene ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH', qr_scene: 0, qr_scene_str: f.scene ?? '',
    };
  }

  follower(appId: string, openid: string): { since: number; scene?: string } | undefined {
    return this.followers.get(appId)?.get(openid);
  }

  /** Makes every issued token stale (to test 40001/42001 recovery). */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  record(call: Omit<SandboxCall, 'id' | 'at'>): void {
    const query = Object.fromEntries(Object.entries(call.query).map(([k, v]) => [k, SECRET_PARAMS.has(k) ? '***' : v]));
    this.calls.push({ ...call, query, id: ++this.seq, at: new Date().toISOString() });
    if (this.calls.length > KEEP_CALLS) this.calls.splice(0, this.calls.length - KEEP_CALLS);
  }

  listCalls(filter: { api?: string; sinceId?: number; limit?: number }): SandboxCall[] {
    return this.calls
      .filter((c) => (!filter.api || c.api === filter.api || c.api.startsWith(filter.api)) && (!filter.sinceId || c.id > filter.sinceId))
      .slice(-(filter.limit ?? 200));
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  setFault(f: SandboxFault): void {
    this.faults.set(f.api, { ...f });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): SandboxFault[] {
    return [...this.faults.values()];
  }

  /** The fault for this API, used up by one call. */
  takeFault(api: string): SandboxFault | undefined {
    const f = this.faults.get(api);
    if (!f) return undefined;
    if (f.times !== undefined) {
      f.times--;
      if (f.times <= 0) this.faults.delete(api);
    }
    return f;
  }
}
