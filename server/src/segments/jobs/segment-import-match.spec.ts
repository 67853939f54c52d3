import { classify, resolveColumn } from './segment-import-match';

describe('resolveColumn', () => {
  it('takes the named column, case-insensitively, and says which columns exist when it is missing', () => {
    expect(resolveColumn(['姓名', 'Mobile'], 'phone', 'mobile')).toEqual({ index: 1, name: 'Mobile' });
    expect(resolveColumn(['姓名', 'mobile'], 'phone', 'tel')).toEqual({ problem: 'the file has no column "tel"; its columns are: 姓名, mobile' });
  });

  it('finds the column by a name that fits the kind, else the only column', () => {
    expect(resolveColumn(['nickname', '手机号'], 'phone')).toEqual({ index: 1, name: '手机号' });
    expect(resolveColumn(['id', 'nickname', 'phone_masked'], 'memberId')).toEqual({ index: 0, name: 'id' });
    expect(resolveColumn(['名单'], 'unionid')).toEqual({ index: 0, name: '名单' });
    expect(resolveColumn(['a', 'unionid', 'phone'], 'auto')).toEqual({ index: 1, name: 'unionid' });
  });

  it('refuses a file whose identifier column cannot be told', () => {
    const r = resolveColumn(['a', 'b'], 'openid');
    expect('problem' in r && r.problem).toBe('the file has no openid column; name the column to read (its columns are: a, b)');
  });
});

describe('classify', () => {
  it('auto reads phone numbers first, then member ids, then any WeChat identity', () => {
    expect(classify(' 138-0013-8000 ', 'auto')).toEqual({ by: 'phone', phone: '13800138000' });
    expect(classify('+8613800138000', 'auto')).toEqual({ by: 'phone', phone: '13800138000' });
    expect(classify('42', 'auto')).toEqual({ by: 'memberId', id: 42 });
    expect(classify('oUnion_123', 'auto')).toMatchObject({ by: 'identity', types: ['unionid', 'oa_openid', 'mp_openid', 'wecom_external_userid'], value: 'oUnion_123' });
  });

  it('checks the value against a fixed kind', () => {
    expect(classify('', 'phone')).toMatchObject({ by: 'none', reason: 'empty' });
    expect(classify('12ab', 'phone')).toMatchObject({ by: 'none', reason: 'invalid' });
    expect(classify('0', 'memberId')).toMatchObject({ by: 'none', reason: 'invalid' });
    expect(classify('99999999999', 'memberId')).toMatchObject({ by: 'none', reason: 'invalid' });
    expect(classify('oOpen 1', 'openid')).toMatchObject({ by: 'none', reason: 'invalid' });
    expect(classify('oOpen1', 'openid')).toMatchObject({ by: 'identity', types: ['oa_openid', 'mp_openid'] });
    expect(classify('wmExt1', 'externalUserId')).toMatchObject({ by: 'identity', types: ['wecom_external_userid'] });
    // a number in a unionid column is still looked up as a unionid
    expect(classify('13800138000', 'unionid')).toMatchObject({ by: 'identity', types: ['unionid'], value: '13800138000' });
  });
});
