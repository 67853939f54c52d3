import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BadInputError } from '../../platform/errors/app-error';
import { ChannelsService } from '../channels/channels.service';
import { WechatMessageCrypto, buildXml } from '../crypto';
import type { XmlObject } from '../crypto';
import { WechatEndpoints } from '../wechat-endpoints';
import type { EmitResult } from './sandbox-oa-emitter';
import { SandboxWecomState } from './sandbox-wecom-state';

export const WECOM_EMIT_KINDS = ['add_contact', 'edit_contact', 'del_contact', 'del_follow_user', 'join_group', 'leave_group', 'tag_changed'] as const;
export type WecomEmitKind = (typeof WECOM_EMIT_KINDS)[number];

export interface WecomEmit {
  corpId: string;
  kind: WecomEmitKind;
  /** the staff member's userid */
  userId?: string;
  externalUserId?: string;
  state?: string;
  chatId?: string;
  tagId?: string;
  /** tag_changed: what happened to the corp tag (default create) */
  tagChangeType?: 'create' | 'update' | 'delete' | 'shuffle';
  createTime?: number;
  /** the person behind the customer (add_contact): the same unionid elsewhere makes them one member */
  unionid?: string;
}

/** Plays WeCom pushing a customer-contact event to our callback: encrypted, signed, over HTTP. */
@Injectable()
export class SandboxWecomEmitter {
  constructor(
    private readonly channels: ChannelsService,
    private readonly endpoints: WechatEndpoints,
    private readonly wecom: SandboxWecomState,
  ) {}

  async emit(e: WecomEmit): Promise<EmitResult> {
    const account = await this.channels.findByExternalId('wecom', e.corpId);
    if (!account?.token || !account.encodingAesKey) throw new BadInputError(`no WeCom account ${e.corpId}`, [{ field: 'corpId', message: 'no such WeCom account' }]);
    const createTime = e.createTime ?? Math.floor(Date.now() / 1000);
    this.remember(e, createTime);
    const plain = buildXml({ ToUserName: e.corpId, FromUserName: 'sys', CreateTime: createTime, MsgType: 'event', ...payload(e) });
    const crypto = new WechatMessageCrypto({ token: account.token, encodingAesKey: account.encodingAesKey, receiveId: e.corpId });
    const sealed = crypto.seal(plain, { nonce: String(randomBytes(4).readUInt32BE(0)) });
    const body = buildXml({ ToUserName: e.corpId, AgentID: String(account.account.agentId ?? ''), Encrypt: sealed.encrypt });
    const query = new URLSearchParams({ msg_signature: sealed.msgSignature, timestamp: sealed.timestamp, nonce: sealed.nonce });
    const url = `${this.endpoints.ownOrigin()}/wechat/wecom/${e.corpId}/callback?${query}`;
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text(), request: { url, body } };
  }

  /** WeCom knows about a relation before it pushes it, so externalcontact/get agrees with the push. */
  private remember(e: WecomEmit, createTime: number) {
    if (!e.externalUserId) return;
    const userId = e.userId ?? 'staff01';
    if (e.kind === 'add_contact') this.wecom.addCustomer(e.corpId, { userId, externalUserId: e.externalUserId, state: e.state, unionid: e.unionid, createTime });
    if (e.kind === 'del_contact' || e.kind === 'del_follow_user') this.wecom.removeFollow(e.corpId, userId, e.externalUserId);
  }
}

function payload(e: WecomEmit): XmlObject {
  const contact = (changeType: string, extra: XmlObject = {}): XmlObject => ({
    Event: 'change_external_contact', ChangeType: changeType, UserID: e.userId ?? 'staff01', ExternalUserID: e.externalUserId ?? '', ...extra,
  });
  switch (e.kind) {
    case 'add_contact':
      return contact('add_external_contact', { State: e.state ?? '', WelcomeCode: `WELCOME_${randomBytes(6).toString('hex')}` });
    case 'edit_contact':
      return contact('edit_external_contact');
    case 'del_contact':
      return contact('del_external_contact');
    case 'del_follow_user':
      return contact('del_follow_user');
    case 'join_group':
    case 'leave_group':
      return {
        Event: 'change_external_chat', ChatId: e.chatId ?? 'wrSandboxChat', ChangeType: 'update', UpdateDetail: e.kind === 'join_group' ? 'add_member' : 'del_member',
        ...(e.kind === 'join_group' ? { JoinScene: '1' } : { QuitScene: '0' }), MemChangeCnt: '1', MemChangeList: { Item: e.externalUserId ?? '' },
      };
    case 'tag_changed':
      return { Event: 'change_external_tag', Id: e.tagId ?? 'etSandboxTag', TagType: 'tag', ChangeType: e.tagChangeType ?? 'create' };
  }
}
