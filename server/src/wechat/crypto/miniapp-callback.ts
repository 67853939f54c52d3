/**
 * Mini-program 消息推送 (also used by channels / website apps): GET verification like the OA,
 * POST in XML or JSON, plain or safe mode. JSON safe mode: `{"ToUserName":…,"Encrypt":…}`, and
 * the encrypted reply is JSON `{"Encrypt","MsgSignature","TimeStamp":<number>,"Nonce"}`.
 */
import { assertTimestamp, bodyText, CallbackQuery, parseJsonObject, queryParam, requireParam, TimestampPolicy } from './callback-common';
import { WechatCryptoError } from './errors';
import { WechatMessageCrypto } from './message-crypto';
import { CallbackMode, ReplySealOptions, verifyPlainSignature } from './oa-callback';
import { buildEncryptedReplyXml, parseXml, ParseXmlOptions } from './xml';

export type PushFormat = 'xml' | 'json';

export interface MiniappAccount {
  appId: string;
  token: string;
  encodingAesKey?: string;
  /** the data format chosen in the console; detected from the body when absent */
  format?: PushFormat;
}

export interface MiniappPostOptions extends TimestampPolicy {
  requireEncrypted?: boolean;
  xml?: ParseXmlOptions;
}

export interface MiniappInboundMessage {
  format: PushFormat;
  mode: CallbackMode;
  encrypted: boolean;
  /** XML: string values (dotted keys for nesting); JSON: parsed values, big integers kept as strings */
  fields: Record<string, unknown>;
  /** the plaintext message (XML or JSON text) */
  raw: string;
}

function detectFormat(text: string): PushFormat {
  const first = text.trimStart()[0];
  if (first === '<') return 'xml';
  if (first === '{') return 'json';
  throw new WechatCryptoError('malformed', 'body is neither XML nor JSON');
}

export class MiniappCallback {
  private readonly crypto: WechatMessageCrypto | null;

  constructor(
    private readonly account: MiniappAccount,
    opts: { randomBytes?: (size: number) => Buffer } = {},
  ) {
    if (!account.token) throw new WechatCryptoError('bad_key', 'mini-program push token is required');
    this.crypto = account.encodingAesKey
      ? new WechatMessageCrypto({ token: account.token, encodingAesKey: account.encodingAesKey, receiveId: account.appId, randomBytes: opts.randomBytes })
      : null;
  }

  /** GET verification: `signature` over token/timestamp/nonce; echostr is returned verbatim in every mode. */
  verifyGet(query: CallbackQuery, policy?: TimestampPolicy): string {
    const echostr = requireParam(query, 'echostr');
    verifyPlainSignature(this.account.token, query, policy);
    return echostr;
  }

  parsePost(query: CallbackQuery, rawBody: unknown, opts: MiniappPostOptions = {}): MiniappInboundMessage {
    const text = bodyText(rawBody);
    const format = this.account.format ?? detectFormat(text);
    const encryptType = queryParam(query, 'encrypt_type');
    if (encryptType === undefined || encryptType === '' || encryptType === 'raw') {
      if (opts.requireEncrypted) throw new WechatCryptoError('bad_signature', 'plain-mode push refused: account requires encryption');
      verifyPlainSignature(this.account.token, query, opts);
      return { format, mode: 'plain', encrypted: false, fields: this.parse(format, text, opts), raw: text };
    }
    if (encryptType !== 'aes') throw new WechatCryptoError('malformed', `unsupported encrypt_type ${encryptType}`);
    const crypto = this.requireCrypto();
    const outer = this.parse(format, text, opts);
    const timestamp = requireParam(query, 'timestamp');
    if (typeof outer.Encrypt !== 'string' || outer.Encrypt === '') throw new WechatCryptoError('malformed', 'Encrypt missing');
    const { message } = crypto.verifyAndDecrypt(timestamp, queryParam(query, 'nonce'), queryParam(query, 'msg_signature'), outer.Encrypt);
    assertTimestamp(timestamp, opts);
    const mode: CallbackMode = Object.keys(outer).some((k) => k !== 'ToUserName' && k !== 'Encrypt') ? 'compat' : 'safe';
    // the plaintext is in the same format as the envelope
    return { format, mode, encrypted: true, fields: this.parse(detectFormat(message), message, opts), raw: message };
  }

  /** Encrypted passive reply in the push format (JSON string or XML envelope). */
  encryptReply(reply: string, format: PushFormat, opts: ReplySealOptions = {}): string {
    const env = this.requireCrypto().seal(reply, opts);
    if (format === 'xml') return buildEncryptedReplyXml(env);
    return JSON.stringify({ Encrypt: env.encrypt, MsgSignature: env.msgSignature, TimeStamp: Number(env.timestamp), Nonce: env.nonce });
  }

  private parse(format: PushFormat, text: string, opts: MiniappPostOptions): Record<string, unknown> {
    return format === 'xml' ? parseXml(text, opts.xml) : parseJsonObject(text);
  }

  private requireCrypto(): WechatMessageCrypto {
    if (!this.crypto) throw new WechatCryptoError('bad_key', 'EncodingAESKey is not configured for this mini-program');
    return this.crypto;
  }
}
