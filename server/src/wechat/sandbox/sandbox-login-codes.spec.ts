import { SandboxLoginCodes } from './sandbox-login-codes';

describe('sandbox wx.login codes', () => {
  const codes = new SandboxLoginCodes(Buffer.alloc(32, 7));

  it('gives back the openid once, like WeChat', () => {
    const code = codes.issue('wxapp', 'o-user-1');
    expect(codes.redeem('wxapp', code)).toBe('o-user-1');
    expect(codes.redeem('wxapp', code)).toBeNull();
  });

  it('refuses another app, an expired code and a forged one', () => {
    const now = Date.now();
    expect(codes.redeem('other', codes.issue('wxapp', 'o1', now), now)).toBeNull();
    expect(codes.redeem('wxapp', codes.issue('wxapp', 'o1', now - 6 * 60_000), now)).toBeNull();
    const [body] = codes.issue('wxapp', 'o1').split('.');
    expect(codes.redeem('wxapp', `${body}.forged`)).toBeNull();
  });
});
