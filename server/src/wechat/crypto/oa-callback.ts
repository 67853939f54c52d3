/**
 * Official Account (公众号) server callbacks: URL verification (GET) and message push (POST)
 * in plain, compat (明文+密文) and safe (安全模式) modes, plus safe-mode passive replies.
 */
import { assertTimestamp, bodyText, CallbackQuery, queryParam, requireParam, TimestampPolicy } from './callback-common';
import { WechatCryptoError } from './errors';
import { verifySignature, WechatMessageCrypto } from './message-crypto';
import { buildEncryptedReplyXml, parseXml, ParseXmlOptions, XmlFields } from './xml';

export interface OaAccount {
  appId: string;
  token: string;
  /** required for compat/safe mode and for encrypted replies */
  encodingAesKey?: string;
}

export interface OaPostOptions extends TimestampPolicy {
  /** refuse plain-mode posts (the account is configured for safe mode only) */
  requireEncrypted?: boolean;
  xml?: ParseXmlOptions;
}

export type CallbackMode = 'plain' | 'compat' | 'safe';

export interface OaInboundMessage {
  mode: CallbackMode;
  /** true when WeChat expects an encrypted passive reply (`encryptReply`) */
  encrypted: boolean;
  /** the plaintext message fields (decrypted ones in compat/safe mode) */
  fields: XmlFields;
  /** the plaintext message XML */
  xml: string;
}

export interface ReplySealOptions {
  timestamp?: string;
  nonce?: string;
  /** fixed 16-byte random prefix (tests) */
  random?: Buffer;
}

/** Envelope-only keys of a safe-mode body; anything else means compat mode. */
const ENVELOPE_KEYS = new Set(['ToUserName', 'Encrypt']);

export class OaCallback {
  private readonly crypto: WechatMessageCrypto | null;

  constructor(
    private readonly account: OaAccount,
    opts: { randomBytes?: (size: number) => Buffer } = {},
  ) {
    if (!account.token) throw new WechatCryptoError('bad_key', 'OA token is required');
    this.crypto = account.encodingAesKey
      ? new WechatMessageCrypto({ token: account.token, encodingAesKey: account.encodingAesKey, receiveId: account.appId, randomBytes: opts.randomBytes })
      : null;
  }

  /** GET URL verification: checks `signature` and returns `echostr` to be sent back verbatim. */
  verifyGet(query: CallbackQuery, policy?: TimestampPolicy): string {
    const echostr = requireParam(query, 'echostr');
    verifyPlainSignature(this.account.token, query, policy);
    return echostr;
  }

  /** POST message push: verifies, decrypts when needed, returns the plaintext fields. */
  parsePost(query: CallbackQuery, rawBody: unknown, opts: OaPostOptions = {}): OaInboundMessage {
    const text = bodyText(rawBody);
    const encryptType = queryParam(query, 'encrypt_type');
    if (encryptType === undefined || encryptType === '' || encryptType === 'raw') {
      if (opts.requireEncrypted) throw new WechatCryptoError('bad_signature', 'plain-mode push refused: account requires encryption');
      verifyPlainSignature(this.account.token, query, opts);
      return { mode: 'plain', encrypted: false, fields: parseXml(text, opts.xml), xml: text };
    }
    if (encryptType !== 'aes') throw new WechatCryptoError('malformed', `unsupported encrypt_type ${encryptType}`);
    const outer = parseXml(text, opts.xml);
    const { message } = this.decryptEnvelope(query, outer.Encrypt, opts);
    const mode: CallbackMode = Object.keys(outer).some((k) => !ENVELOPE_KEYS.has(k)) ? 'compat' : 'safe';
    return { mode, encrypted: true, fields: parseXml(message, opts.xml), xml: message };
  }

  /** Seals a passive reply XML into the safe-mode envelope `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
  encryptReply(replyXml: string, opts: ReplySealOptions = {}): string {
    return buildEncryptedReplyXml(this.requireCrypto().seal(replyXml, opts));
  }

  private decryptEnvelope(query: CallbackQuery, encrypt: unknown, policy: TimestampPolicy) {
    const crypto = this.requireCrypto();
    const timestamp = requireParam(query, 'timestamp');
    assertTimestamp(timestamp, policy);
    if (typeof encrypt !== 'string' || encrypt === '') throw new WechatCryptoError('malformed', 'Encrypt element missing');
    // safe mode signs Encrypt with msg_signature; `signature` (3 parts) is not sufficient
    return crypto.verifyAndDecrypt(timestamp, queryParam(query, 'nonce'), queryParam(query, 'msg_signature'), encrypt);
  }

  private requireCrypto(): WechatMessageCrypto {
    if (!this.crypto) throw new WechatCryptoError('bad_key', 'EncodingAESKey is not configured for this account');
    return this.crypto;
  }
}

/** `signature = sha1(sort([token, timestamp, nonce]))`, used by OA and mini-program GET and plain POST. */
export function verifyPlainSignature(token: string, query: CallbackQuery, policy?: TimestampPolicy): void {
  const timestamp = queryParam(query, 'timestamp');
  verifySignature(token, timestamp, queryParam(query, 'nonce'), queryParam(query, 'signature'));
  assertTimestamp(timestamp, policy);
}
