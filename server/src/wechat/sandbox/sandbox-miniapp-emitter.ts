import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { WechatMessageCrypto, buildXml, computeSignature } from '../crypto';
import { WechatEndpoints } from '../wechat-endpoints';
import type { EmitResult } from './sandbox-oa-emitter';
import { SandboxMiniappState } from './sandbox-miniapp-state';

export interface MiniappEmit {
  appId: string;
  openid: string;
  /** the templates the user answered in wx.requestSubscribeMessage */
  templates: { templateId: string; status: 'accept' | 'reject' }[];
  format?: 'json' | 'xml';
  mode?: 'safe' | 'plain';
}

/** Plays WeChat pushing a mini-program subscribe-message popup result to our callback. */
@Injectable()
export class SandboxMiniappEmitter {
  constructor(
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
    private readonly mpState: SandboxMiniappState,
  ) {}

  async emit(e: MiniappEmit): Promise<EmitResult> {
    const account = await this.channels.findByExternalId('miniapp', e.appId);
    if (!account?.token) throw new BadInputError(`no mini-program account ${e.appId} with a push token`, [{ field: 'appId', message: 'no such mini-program account' }]);
    const mode = e.mode ?? (account.encodingAesKey ? 'safe' : 'plain');
    if (mode === 'safe' && !account.encodingAesKey) throw new BadInputError('this account has no EncodingAESKey; use mode plain', [{ field: 'mode', message: 'needs an EncodingAESKey' }]);
    // the answers count in WeChat whether or not our callback takes the push
    for (const t of e.templates) this.mpState.answerSubscribe(e.appId, e.openid, t.templateId, t.status);
    const format = e.format ?? 'json';
    const head = { ToUserName: `gh_${e.appId.slice(2, 14)}`, FromUserName: e.openid, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'subscribe_msg_popup_event' };
    const list = e.templates.map((t) => ({ TemplateId: t.templateId, SubscribeStatusString: t.status, PopupScene: '0' }));
    const plain = format === 'json' ? JSON.stringify({ ...head, List: list }) : buildXml({ ...head, SubscribeMsgPopupEvent: { List: list } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE(0));
    const query: Record<string, string> = { signature: computeSignature(account.token, timestamp, nonce), timestamp, nonce, openid: e.openid };
    let body = plain;
    if (mode === 'safe') {
      const sealed = new WechatMessageCrypto({ token: account.token, encodingAesKey: account.encodingAesKey!, receiveId: e.appId }).seal(plain, { timestamp, nonce });
      query.encrypt_type = 'aes';
      query.msg_signature = sealed.msgSignature;
      body = format === 'json' ? JSON.stringify({ ToUserName: head.ToUserName, Encrypt: sealed.encrypt }) : buildXml({ ToUserName: head.ToUserName, Encrypt: sealed.encrypt });
    }
    const url = `${this.endpoints.ownOrigin()}/wechat/miniapp/${e.appId}/callback?${new URLSearchParams(query)}`;
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': format === 'json' ? 'application/json' : 'text/xml' }, signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text(), request: { url, body } };
  }
}
