import { SecretBox, maskPhone, normalizePhone } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = box.encrypt('13800138000');
    const b = box.encrypt('13800138000');
    expect(a).not.toBe(b);
    expect(box.decrypt(a)).toBe('13800138000');
  });

  it('rejects a tampered value', () => {
    const sealed = box.encrypt('13800138000');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('13900000000').toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes deterministically per key', () => {
    expect(box.lookupHash('13800138000')).toBe(box.lookupHash('13800138000'));
    expect(new SecretBox('z'.repeat(32)).lookupHash('13800138000')).not.toBe(box.lookupHash('13800138000'));
  });
});

describe('phones', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['86 13800138000', '13800138000'],
    ['12345', null],
    ['abc', null],
  ])('normalizes %s', (input, out) => expect(normalizePhone(input)).toBe(out));

  it('masks', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone(null)).toBeNull();
  });
});
