import { Logger } from '@nestjs/common';
import { AppError } from '../platform/errors/app-error';
import { WechatCryptoError } from './crypto';

const STATUS_OF: Record<WechatCryptoError['reason'], number> = {
  bad_signature: 401,
  stale_timestamp: 401,
  wrong_receiver: 401,
  bad_tag: 401,
  unknown_serial: 401,
  bad_padding: 400,
  malformed: 400,
  bad_key: 400,
  too_large: 413,
};

/**
 * Runs callback verification/decryption; crypto and parsing failures are the caller's fault and
 * become a 4xx with the reason (and a log line), never a 5xx.
 */
export function guardCallback<T>(logger: Logger, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WechatCryptoError) {
      if (e.reason === 'bad_key') logger.error(`${what}: our stored key is unusable (${e.message}); fix the channel account`);
      else logger.warn(`${what} refused: ${e.reason} (${e.message})`);
      throw new AppError(STATUS_OF[e.reason] ?? 400, e.reason, `callback refused: ${e.reason.replace(/_/g, ' ')}`);
    }
    throw e;
  }
}
