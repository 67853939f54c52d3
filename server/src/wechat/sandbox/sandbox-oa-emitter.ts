import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { WechatMessageCrypto, buildXml, computeSignature, parseXml } from '../crypto';
import type { XmlObject } from '../crypto';
import { WechatEndpoints } from '../wechat-endpoints';
import { SandboxState } from './sandbox-state.service';

export const OA_EMIT_KINDS = ['subscribe', 'unsubscribe', 'scan', 'text', 'click', 'view', 'location', 'template_result'] as const;
export type OaEmitKind = (typeof OA_EMIT_KINDS)[number];

export interface OaEmit {
  appId: string;
  kind: OaEmitKind;
  openid: string;
  scene?: string;
  content?: string;
  key?: string;
  url?: string;
  msgId?: string;
  status?: string;
  latitude?: number;
  longitude?: number;
  /** safe (default when the account has an EncodingAESKey), compat or plain */
  mode?: 'safe' | 'compat' | 'plain';
  /** seconds since epoch; defaults to now (fixed values let a test replay the same push) */
  createTime?: number;
}

export interface EmitResult {
  status: number;
  body: string;
  /** the exact request, so a test can replay it (WeChat's retries) */
  request: { url: string; body: string };
  /** the passive reply our answer carried (OA), as the user sees it */
  reply?: { msgType: string; content?: string; toUser: string };
}

/**
 * Plays WeChat pushing to our callback URL: builds the XML an OA push carries, encrypts and signs
 * it with the account's Token and EncodingAESKey exactly as WeChat does, and POSTs it over HTTP.
 */
@Injectable()
export class SandboxOaEmitter {
  constructor(
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
    private readonly state: SandboxState,
  ) {}

  /** Builds the signed request without sending it. */
  async build(e: OaEmit): Promise<{ url: string; body: string }> {
    const account = await this.channels.findByExternalId('oa', e.appId);
    if (!account?.token) throw new BadInputError(`no OA account ${e.appId} with a callback token`, [{ field: 'appId', message: 'no such OA account' }]);
    const mode = e.mode ?? (account.encodingAesKey ? 'safe' : 'plain');
    if (mode !== 'plain' && !account.encodingAesKey) throw new BadInputError('this account has no EncodingAESKey; use mode plain', [{ field: 'mode', message: 'needs an EncodingAESKey' }]);
    const createTime = e.createTime ?? Math.floor(Date.now() / 1000);
    const fields: XmlObject = { ToUserName: `gh_${e.appId.slice(2, 14)}`, FromUserName: e.openid, CreateTime: createTime, ...payload(e) };
    const plain = buildXml(fields);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE(0));
    const query: Record<string, string> = { signature: computeSignature(account.token, timestamp, nonce), timestamp, nonce, openid: e.openid };
    let body = plain;
    if (mode !== 'plain') {
      const crypto = new WechatMessageCrypto({ token: account.token, encodingAesKey: account.encodingAesKey!, receiveId: e.appId });
      const sealed = crypto.seal(plain, { timestamp, nonce });
      query.encrypt_type = 'aes';
      query.msg_signature = sealed.msgSignature;
      const envelope: XmlObject = mode === 'compat' ? { ...fields, Encrypt: sealed.encrypt } : { ToUserName: fields.ToUserName, Encrypt: sealed.encrypt };
      body = buildXml(envelope);
    }
    return { url: `${this.endpoints.ownOrigin()}/wechat/oa/${e.appId}/callback?${new URLSearchParams(query)}`, body };
  }

  async emit(e: OaEmit): Promise<EmitResult> {
    const request = await this.build(e);
    // Only followers can message or click; an unfollow ends it. WeChat's user/info answers from this.
    this.state.setFollowing(e.appId, e.openid, e.kind !== 'unsubscribe', e.scene);
    const res = await fetch(request.url, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(10_000) });
    const body = await res.text();
    return { status: res.status, body, request, reply: await this.readReply(e.appId, body) };
  }

  /** What the user would see: the passive reply in our answer, checked and decrypted as WeChat does. */
  private async readReply(appId: string, body: string): Promise<EmitResult['reply']> {
    if (!body.trimStart().startsWith('<xml')) return undefined;
    let fields = parseXml(body);
    if (fields.Encrypt) {
      const account = await this.channels.findByExternalId('oa', appId);
      const crypto = new WechatMessageCrypto({ token: account!.token!, encodingAesKey: account!.encodingAesKey!, receiveId: appId });
      fields = parseXml(crypto.verifyAndDecrypt(fields.TimeStamp, fields.Nonce, fields.MsgSignature, fields.Encrypt).message);
    }
    return { msgType: fields.MsgType ?? '', content: fields.Content, toUser: fields.ToUserName ?? '' };
  }
}

function payload(e: OaEmit): XmlObject {
  switch (e.kind) {
    case 'subscribe':
      return { MsgType: 'event', Event: 'subscribe', EventKey: e.scene ? `qrscene_${e.scene}` : '', ...(e.scene ? { Ticket: `sbx_ticket_${e.scene}` } : {}) };
    case 'unsubscribe':
      return { MsgType: 'event', Event: 'unsubscribe', EventKey: '' };
    case 'scan':
      return { MsgType: 'event', Event: 'SCAN', EventKey: e.scene ?? '', Ticket: `sbx_ticket_${e.scene ?? ''}` };
    case 'text':
      return { MsgType: 'text', Content: e.content ?? '你好', MsgId: e.msgId ?? String(BigInt(Date.now()) * 1000n + BigInt(randomBytes(1)[0])) };
    case 'click':
      return { MsgType: 'event', Event: 'CLICK', EventKey: e.key ?? '' };
    case 'view':
      return { MsgType: 'event', Event: 'VIEW', EventKey: e.url ?? '', MenuId: '1' };
    case 'location':
      return { MsgType: 'event', Event: 'LOCATION', Latitude: String(e.latitude ?? 31.2304), Longitude: String(e.longitude ?? 121.4737), Precision: '65.0' };
    case 'template_result':
      return { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: e.msgId ?? '0', Status: e.status ?? 'success' };
  }
}
