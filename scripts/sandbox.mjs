// `npm run sandbox -- <channel> <action> [--options]`: play a consumer or a staff member against a
// running server in sandbox mode (SCRM_URL, default http://127.0.0.1:3000). Examples:
//   npm run sandbox -- oa subscribe --openid oUser1 --scene store_12
//   npm run sandbox -- oa text --openid oUser1 --content 你好
//   npm run sandbox -- wecom add-contact --external wmCustomer1 --staff zhangsan --state store_12
//   npm run sandbox -- mp login --openid oMpUser1 [--unionid oUnion1]
//   npm run sandbox -- mp subscribe --openid oMpUser1 --template TPL_A --status accept
//   npm run sandbox -- pay paid --openid oMpUser1 --amount 19900
//   npm run sandbox -- calls [--api /cgi-bin/token]
import { parseArgs } from 'node:util';

const base = (process.env.SCRM_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    openid: { type: 'string' }, unionid: { type: 'string' }, scene: { type: 'string' }, content: { type: 'string' }, key: { type: 'string' },
    url: { type: 'string' }, external: { type: 'string' }, staff: { type: 'string' }, state: { type: 'string' }, chat: { type: 'string' },
    template: { type: 'string' }, status: { type: 'string' }, amount: { type: 'string' }, order: { type: 'string' }, account: { type: 'string' },
    mode: { type: 'string' }, api: { type: 'string' },
  },
});
const [channel, action] = positionals;

async function call(method, path, body) {
  const res = await fetch(base + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${typeof json === 'string' ? json : JSON.stringify(json)}`);
  return json;
}

async function account(type) {
  if (values.account) return values.account;
  const list = await call('GET', '/sandbox/accounts');
  const found = list.find((a) => a.type === type);
  if (!found) throw new Error(`no ${type} channel account on ${base}; add one in the admin (渠道账号) or pass --account`);
  return found.id;
}

const need = (name) => {
  if (!values[name]) throw new Error(`--${name} is required`);
  return values[name];
};

const OA_KINDS = { subscribe: 'subscribe', unsubscribe: 'unsubscribe', scan: 'scan', text: 'text', click: 'click', view: 'view', location: 'location' };
const WECOM_KINDS = { 'add-contact': 'add_contact', 'edit-contact': 'edit_contact', 'del-contact': 'del_contact', 'del-follow-user': 'del_follow_user', 'join-group': 'join_group', 'leave-group': 'leave_group' };

async function main() {
  let out;
  if (channel === 'oa' && OA_KINDS[action]) {
    out = await call('POST', '/sandbox/oa/emit', {
      appId: await account('oa'), kind: OA_KINDS[action], openid: need('openid'), unionid: values.unionid, scene: values.scene,
      content: values.content, key: values.key, url: values.url, mode: values.mode,
    });
  } else if (channel === 'wecom' && WECOM_KINDS[action]) {
    out = await call('POST', '/sandbox/wecom/emit', {
      corpId: await account('wecom'), kind: WECOM_KINDS[action], externalUserId: need('external'), userId: values.staff, state: values.state, chatId: values.chat,
    });
  } else if (channel === 'mp' && action === 'login') {
    const { code, openid } = await call('POST', '/sandbox/miniapp/login-code', { openid: values.openid, unionid: values.unionid });
    const session = await call('POST', '/api/mp/auth/login', { code });
    out = { openid, member: session.member };
  } else if (channel === 'mp' && action === 'subscribe') {
    out = await call('POST', '/sandbox/miniapp/emit', { appId: await account('miniapp'), openid: need('openid'), templates: [{ templateId: need('template'), status: values.status ?? 'accept' }] });
  } else if (channel === 'pay' && (action === 'paid' || action === 'refunded')) {
    out = await call('POST', '/sandbox/pay/emit', { mchId: await account('pay'), kind: action, openid: need('openid'), amount: Number(need('amount')), outTradeNo: values.order });
  } else if (channel === 'calls') {
    out = await call('GET', `/sandbox/calls${values.api ? `?api=${encodeURIComponent(values.api)}` : ''}`);
  } else {
    throw new Error('usage: npm run sandbox -- <oa subscribe|unsubscribe|scan|text|click|view|location | wecom add-contact|edit-contact|del-contact|del-follow-user|join-group|leave-group | mp login|subscribe | pay paid|refunded | calls> [--options] (see scripts/sandbox.mjs)');
  }
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
