import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts values at rest (phones, channel secrets) with AES-256-GCM and derives
 * lookup hashes (HMAC-SHA256) so an encrypted value can still be found by equality.
 * Every purpose gets its own key derived from the one APP_SECRET_KEY.
 */
export class SecretBox {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(masterKey: string) {
    this.encKey = derive(masterKey, 'scrm:encrypt');
    this.hashKey = derive(masterKey, 'scrm:lookup-hash');
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }

  /** A key for another purpose (token signing, …), stable for the same master key. */
  subKey(purpose: string): Buffer {
    return derive(this.masterKeyForDerivation, purpose);
  }

  private get masterKeyForDerivation(): string {
    return this.encKey.toString('hex');
  }
}

function derive(master: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.alloc(0), info, 32));
}

/** Mainland numbers are kept as 11 digits; +86 and separators are dropped. Returns null when it is no phone. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s()-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  return null;
}

/** 138****5678 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return phone.slice(0, 2) + '****';
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}
