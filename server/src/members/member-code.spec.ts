import { MemberCodes } from './member-code';

describe('member QR codes', () => {
  const codes = new MemberCodes(Buffer.alloc(32, 3));

  it('verifies a fresh code back to its member', () => {
    const { code } = codes.issue(42);
    expect(code).toMatch(/^M1\.42\.\d{10}\.[A-Za-z0-9_-]{22}$/);
    expect(codes.verify(code)).toBe(42);
  });

  it('refuses expired, altered and foreign codes', () => {
    const now = Date.now();
    const { code } = codes.issue(42, now - 10 * 60_000);
    expect(codes.verify(code, now)).toBeNull();
    const fresh = codes.issue(42).code;
    expect(codes.verify(fresh.replace('M1.42.', 'M1.43.'))).toBeNull();
    expect(codes.verify(new MemberCodes(Buffer.alloc(32, 4)).issue(42).code)).toBeNull();
  });
});
