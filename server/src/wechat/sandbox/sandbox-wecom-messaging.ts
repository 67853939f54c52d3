import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../../platform/errors/app-error';
import { SandboxWecomState, WecomFailure, fail } from './sandbox-wecom-state';

export interface ReceivedAppMessage {
  msgid: string;
  corpId: string;
  agentid: number;
  /** the staff member who received it */
  userId: string;
  msgtype: string;
  content: unknown;
  at: string;
}

interface TemplateTarget {
  external_userid: string;
  userid: string;
  status: 0 | 1 | 2 | 3;
  send_time?: number;
}

export interface SandboxMsgTemplate {
  msgid: string;
  corpId: string;
  sender: string | null;
  text: string;
  attachments: unknown[];
  createTime: number;
  targets: TemplateTarget[];
}

const KEEP_MESSAGES = 5000;
const MESSAGE_TYPES = ['text', 'textcard', 'markdown'];
const ATTACHMENT_TYPES = ['link', 'miniprogram', 'image', 'video', 'file'];
const now = () => Math.floor(Date.now() / 1000);

/**
 * What staff receive through the sandbox WeCom: app messages (message/send) and customer mass-message
 * tasks (add_msg_template) that wait for the sender to confirm them in the client.
 */
@Injectable()
export class SandboxWecomMessaging {
  private readonly received: ReceivedAppMessage[] = [];
  private readonly templates = new Map<string, SandboxMsgTemplate>();

  constructor(private readonly wecom: SandboxWecomState) {}

  send(corpId: string, agentId: number | null, body: Record<string, unknown>): WecomFailure | Record<string, unknown> {
    if (body.agentid === undefined || body.agentid === null || body.agentid === '') return fail(41011, 'missing agentid');
    if (Number(body.agentid) !== agentId) return fail(40056, `invalid agentid ${String(body.agentid)}`);
    const msgtype = String(body.msgtype ?? '');
    if (!MESSAGE_TYPES.includes(msgtype)) return fail(40008, `invalid message type ${msgtype} (the sandbox takes text, textcard, markdown)`);
    const content = body[msgtype] as Record<string, unknown> | undefined;
    const problem = checkContent(msgtype, content ?? {});
    if (problem) return problem;
    const touser = typeof body.touser === 'string' ? body.touser : '';
    const toparty = typeof body.toparty === 'string' ? body.toparty : '';
    const totag = typeof body.totag === 'string' ? body.totag : '';
    if (!touser && !toparty && !totag) return fail(40035, 'touser, toparty and totag are all empty');
    const active = new Set(this.wecom.users(corpId).filter((u) => u.status === 1).map((u) => u.userid));
    const requested = touser === '@all' ? [...active] : split(touser);
    if (requested.length > 1000) return fail(40032, 'more than 1000 users in touser');
    const invaliduser = requested.filter((u) => !active.has(u));
    const recipients = new Set(requested.filter((u) => active.has(u)));
    const departments = new Set(this.wecom.departments(corpId).map((d) => d.id));
    const invalidparty = split(toparty).filter((p) => !departments.has(Number(p)));
    for (const p of split(toparty).filter((x) => departments.has(Number(x)))) {
      const members = this.wecom.usersIn(corpId, Number(p), false);
      if (Array.isArray(members)) for (const u of members) if (u.status === 1) recipients.add(u.userid);
    }
    // The sandbox has no directory tags, so every tag is unknown to it.
    const invalidtag = split(totag);
    if (!recipients.size) return fail(81013, 'user & party & tag all invalid');
    const msgid = randomBytes(24).toString('base64url');
    const at = new Date().toISOString();
    for (const userId of recipients) this.received.push({ msgid, corpId, agentid: agentId, userId, msgtype, content, at });
    if (this.received.length > KEEP_MESSAGES) this.received.splice(0, this.received.length - KEEP_MESSAGES);
    return { errcode: 0, errmsg: 'ok', invaliduser: invaliduser.join('|'), invalidparty: invalidparty.join('|'), invalidtag: invalidtag.join('|'), unlicenseduser: '', msgid };
  }

  messages(corpId: string, userId?: string): ReceivedAppMessage[] {
    return this.received.filter((m) => m.corpId === corpId && (!userId || m.userId === userId));
  }

  addTemplate(corpId: string, body: Record<string, unknown>): WecomFailure | Record<string, unknown> {
    if ((body.chat_type ?? 'single') !== 'single') return fail(40058, 'the sandbox takes chat_type single only');
    const externals = Array.isArray(body.external_userid) ? body.external_userid.map(String) : [];
    if (!externals.length) return fail(41035, 'missing external userid');
    const sender = typeof body.sender === 'string' && body.sender ? body.sender : null;
    if (sender && !this.wecom.user(corpId, sender)) return fail(60111, `userid not found: ${sender}`);
    const text = (body.text as { content?: unknown } | undefined)?.content;
    const attachments = Array.isArray(body.attachments) ? (body.attachments as { msgtype?: unknown }[]) : [];
    if ((typeof text !== 'string' || !text) && !attachments.length) return fail(44004, 'empty content');
    if (attachments.length > 9) return fail(40058, 'at most 9 attachments');
    if (attachments.some((a) => !ATTACHMENT_TYPES.includes(String(a?.msgtype)))) return fail(41065, 'invalid attachment type');
    const fail_list: string[] = [];
    const targets: TemplateTarget[] = [];
    for (const ext of new Set(externals)) {
      // Without a sender the task goes to the customer's first staff member, as WeCom picks one.
      const who = sender ?? this.wecom.customer(corpId, ext)?.follows[0]?.userid;
      if (!who || !this.wecom.follow(corpId, who, ext)) fail_list.push(ext);
      else targets.push({ external_userid: ext, userid: who, status: 0 });
    }
    if (!targets.length) return fail(41048, 'no customer to send');
    const msgid = `msg${randomBytes(18).toString('base64url')}`;
    this.templates.set(msgid, { msgid, corpId, sender, text: typeof text === 'string' ? text : '', attachments, createTime: now(), targets });
    return { errcode: 0, errmsg: 'ok', fail_list, msgid };
  }

  /** The staff member taps "send" in WeCom: customers still served get it, the rest fail as "not a customer". */
  confirmTemplate(msgid: string, userId?: string): SandboxMsgTemplate {
    const t = this.templates.get(msgid);
    if (!t) throw new NotFoundError('sandbox WeCom mass message', msgid);
    for (const target of t.targets) {
      if (target.status !== 0 || (userId && target.userid !== userId)) continue;
      const stillServed = !!this.wecom.follow(t.corpId, target.userid, target.external_userid);
      target.status = stillServed ? 1 : 2;
      if (stillServed) target.send_time = now();
    }
    return t;
  }

  templatesOf(corpId: string): SandboxMsgTemplate[] {
    return [...this.templates.values()].filter((t) => t.corpId === corpId);
  }

  sendResult(corpId: string, body: Record<string, unknown>): WecomFailure | Record<string, unknown> {
    if (!body.msgid) return fail(41046, 'missing msgid');
    const t = this.templates.get(String(body.msgid));
    if (!t || t.corpId !== corpId) return fail(41047, `invalid msgid ${String(body.msgid)}`);
    if (!body.userid) return fail(41009, 'missing userid');
    const limit = Math.min(Math.max(Number(body.limit) || 500, 1), 1000);
    const offset = Number(body.cursor) || 0;
    const mine = t.targets.filter((x) => x.userid === body.userid);
    const page = mine.slice(offset, offset + limit);
    return {
      errcode: 0,
      errmsg: 'ok',
      next_cursor: offset + limit < mine.length ? String(offset + limit) : '',
      send_list: page.map((x) => ({ external_userid: x.external_userid, userid: x.userid, status: x.status, ...(x.send_time ? { send_time: x.send_time } : {}) })),
    };
  }
}

function split(s: string): string[] {
  return s.split('|').map((x) => x.trim()).filter(Boolean);
}

function checkContent(msgtype: string, c: Record<string, unknown>): WecomFailure | null {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (msgtype === 'text' || msgtype === 'markdown') {
    if (!str(c.content)) return fail(44004, 'empty content');
    if (Buffer.byteLength(str(c.content)) > 2048) return fail(45002, 'content size out of limit');
  }
  if (msgtype === 'textcard') {
    if (!str(c.title)) return fail(41016, 'missing title');
    if (!str(c.description)) return fail(41033, 'missing description');
    if (!str(c.url)) return fail(41010, 'missing url');
  }
  return null;
}
