/**
 * WeCom (企业微信) app callbacks: GET URL verification (encrypted echostr) and POST messages /
 * events (always encrypted). receiveId = corpid for self-built apps (suite_id for suite callbacks).
 */
import { assertTimestamp, bodyText, CallbackQuery, queryParam, requireParam, TimestampPolicy } from './callback-common';
import { WechatCryptoError } from './errors';
import { WechatMessageCrypto } from './message-crypto';
import { ReplySealOptions } from './oa-callback';
import { buildEncryptedReplyXml, parseXml, ParseXmlOptions, XmlFields } from './xml';

export interface WecomAccount {
  /** corpid (self-built app) or suite_id (third-party suite command callback) */
  corpId: string;
  token: string;
  encodingAesKey: string;
}

export interface WecomPostOptions extends TimestampPolicy {
  xml?: ParseXmlOptions;
}

export interface WecomInboundMessage {
  /** decrypted message / event fields (`Event`, `ChangeType`, `MemChangeList.Item[0]`, …) */
  fields: XmlFields;
  /** the decrypted XML */
  xml: string;
  /** AgentID of the outer envelope, when present */
  agentId?: string;
}

export class WecomCallback {
  private readonly crypto: WechatMessageCrypto;

  constructor(account: WecomAccount, opts: { randomBytes?: (size: number) => Buffer } = {}) {
    this.crypto = new WechatMessageCrypto({
      token: account.token,
      encodingAesKey: account.encodingAesKey,
      receiveId: account.corpId,
      randomBytes: opts.randomBytes,
    });
  }

  /**
   * GET URL verification. `query.echostr` must already be URL-decoded (Express does this); the
   * returned plaintext is the exact response body (no quotes, no newline).
   */
  verifyGet(query: CallbackQuery, policy?: TimestampPolicy): string {
    const echostr = requireParam(query, 'echostr');
    const timestamp = requireParam(query, 'timestamp');
    const { message } = this.crypto.verifyAndDecrypt(timestamp, queryParam(query, 'nonce'), queryParam(query, 'msg_signature'), echostr);
    assertTimestamp(timestamp, policy);
    return message;
  }

  /** POST callback: verify msg_signature over Encrypt, decrypt, check corpid, parse fields. */
  parsePost(query: CallbackQuery, rawBody: unknown, opts: WecomPostOptions = {}): WecomInboundMessage {
    const outer = parseXml(bodyText(rawBody), opts.xml);
    const timestamp = requireParam(query, 'timestamp');
    if (!outer.Encrypt) throw new WechatCryptoError('malformed', 'Encrypt element missing');
    const { message } = this.crypto.verifyAndDecrypt(timestamp, queryParam(query, 'nonce'), queryParam(query, 'msg_signature'), outer.Encrypt);
    assertTimestamp(timestamp, opts);
    const result: WecomInboundMessage = { fields: parseXml(message, opts.xml), xml: message };
    if (outer.AgentID !== undefined) result.agentId = outer.AgentID;
    return result;
  }

  /** Seals a passive reply XML into the encrypted envelope. */
  encryptReply(replyXml: string, opts: ReplySealOptions = {}): string {
    return buildEncryptedReplyXml(this.crypto.seal(replyXml, opts));
  }
}
