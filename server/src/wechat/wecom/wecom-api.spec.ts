import { WechatApiError } from '../wechat-http';
import { appMessageBody, toAppMessageResult, withWecomRetries } from './wecom-api.service';

describe('WeCom client: message/send shapes', () => {
  it('joins recipients with "|" and adds the agentid', () => {
    expect(appMessageBody(1000002, { touser: ['li_na', 'wang_fang'], toparty: [2], msgtype: 'text', text: { content: '新线索' } })).toEqual({
      touser: 'li_na|wang_fang',
      toparty: '2',
      msgtype: 'text',
      text: { content: '新线索' },
      agentid: 1000002,
    });
    expect(appMessageBody(7, { touser: '@all', msgtype: 'markdown', markdown: { content: '**hi**' } })).toMatchObject({ touser: '@all', agentid: 7 });
  });

  it('splits the invalid lists WeCom returns as "a|b" strings', () => {
    expect(toAppMessageResult({ invaliduser: 'ghost|nobody', invalidparty: '', msgid: 'MSG1' })).toEqual({
      msgid: 'MSG1',
      invalidUsers: ['ghost', 'nobody'],
      invalidParties: [],
      invalidTags: [],
      unlicensedUsers: [],
    });
  });
});

describe('WeCom client: retry policy', () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  beforeEach(() => (sleeps.length = 0));

  const failing = (codes: number[], then = 'ok') => {
    const seen: boolean[] = [];
    const fn = async (fresh: boolean) => {
      seen.push(fresh);
      const code = codes.shift();
      if (code !== undefined) throw new WechatApiError(code, 'x', '/cgi-bin/test');
      return then;
    };
    return { fn, seen };
  };

  it('refreshes an invalid or expired token once, then retries with the new one', async () => {
    const { fn, seen } = failing([42001]);
    await expect(withWecomRetries(fn, sleep)).resolves.toBe('ok');
    expect(seen).toEqual([false, true]);
    expect(sleeps).toEqual([]);
  });

  it('does not refresh a second time when the new token is refused too', async () => {
    const { fn, seen } = failing([40001, 40014, 0]);
    await expect(withWecomRetries(fn, sleep)).rejects.toMatchObject({ errcode: 40014, kind: 'token_invalid' });
    expect(seen).toEqual([false, true]);
  });

  it('retries transient failures twice with 200 ms then 400 ms backoff, then gives up', async () => {
    const { fn } = failing([-1, 45033, -1]);
    await expect(withWecomRetries(fn, sleep)).rejects.toMatchObject({ errcode: -1, kind: 'transient' });
    expect(sleeps).toEqual([200, 400]);
    const again = failing([-1, -1]);
    await expect(withWecomRetries(again.fn, sleep)).resolves.toBe('ok');
  });

  it('throws anything else at once, typed', async () => {
    const { fn, seen } = failing([60111]);
    await expect(withWecomRetries(fn, sleep)).rejects.toMatchObject({ errcode: 60111, kind: 'permanent' });
    expect(seen).toEqual([false]);
    await expect(withWecomRetries(async () => { throw new TypeError('bug'); }, sleep)).rejects.toBeInstanceOf(TypeError);
  });
});
