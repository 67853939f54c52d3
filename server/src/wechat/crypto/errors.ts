/**
 * Every failure of the WeChat crypto/parsing helpers surfaces as a WechatCryptoError with a
 * machine-readable reason, so callers can map it to an HTTP status (and a log line) without
 * string-matching messages. Nothing in this folder should let a generic Error escape for
 * attacker-controlled input.
 */
export type WechatCryptoErrorReason =
  /** sha1 / msg_signature / RSA signature mismatch or missing */
  | 'bad_signature'
  /** PKCS#7 padding byte outside 1..32 or inconsistent pad bytes */
  | 'bad_padding'
  /** decrypted receiveId (appid / corpid) differs from the expected one */
  | 'wrong_receiver'
  /** anything structurally wrong: bad base64, truncated ciphertext, bad XML/JSON, missing field */
  | 'malformed'
  /** EncodingAESKey / APIv3 key / RSA key unusable (configuration problem, not the caller's) */
  | 'bad_key'
  /** timestamp outside the allowed skew */
  | 'stale_timestamp'
  /** AES-GCM authentication tag check failed (tampered or wrong key/nonce/aad) */
  | 'bad_tag'
  /** Wechatpay-Serial names no known platform key */
  | 'unknown_serial'
  /** input exceeds a size / depth / count limit */
  | 'too_large';

export class WechatCryptoError extends Error {
  override readonly name = 'WechatCryptoError';

  constructor(
    readonly reason: WechatCryptoErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export function isWechatCryptoError(e: unknown): e is WechatCryptoError {
  return e instanceof WechatCryptoError;
}
