import { PayApiError, payErrorFrom, payErrorKind } from './pay-api-error';

describe('WeChat Pay errors by what they mean', () => {
  it('retries only what a retry can fix', () => {
    expect(payErrorKind('SYSTEM_ERROR', 500)).toBe('transient');
    expect(payErrorKind('FREQUENCY_LIMITED', 429)).toBe('transient');
    expect(payErrorKind('NETWORK', 0)).toBe('transient');
    expect(payErrorKind('NO_ACCOUNT', 0)).toBe('bad_credentials');
    expect(payErrorKind('CLIENT_ERROR', 0)).toBe('permanent');
    expect(payErrorKind('SIGN_ERROR', 401)).toBe('bad_credentials');
    expect(payErrorKind('PARAM_ERROR', 400)).toBe('bad_request');
    expect(payErrorKind('ORDER_NOT_EXIST', 404)).toBe('not_found');
    expect(payErrorKind('NO_AUTH', 403)).toBe('permanent');
  });

  it("reads Pay's {code, message} body and copes with others", () => {
    expect(payErrorFrom('/v3/x', 400, { code: 'PARAM_ERROR', message: 'out_trade_no 必填' })).toMatchObject({ code: 'PARAM_ERROR', detail: 'out_trade_no 必填', httpStatus: 400, kind: 'bad_request' });
    const html = payErrorFrom('/v3/x', 502, '<html>bad gateway</html>');
    expect(html).toBeInstanceOf(PayApiError);
    expect(html).toMatchObject({ code: 'HTTP_502', kind: 'transient', retryable: true });
  });
});
