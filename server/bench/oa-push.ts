/**
 * Official Account pushes in safe mode (安全模式), signed and encrypted the way WeChat sends them:
 *
 *   Encrypt       = base64(AES-256-CBC(key, iv = key[0..16), PKCS#7-to-32(random16 ‖ len32BE ‖ xml ‖ appId)))
 *   msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join(''))
 *   signature     = sha1(sort([token, timestamp, nonce]).join(''))
 *
 * Written from WeChat's documented algorithm rather than imported from src/ (like PhoneSealer in
 * lib.ts): the server then has to decrypt what an independent implementation produced, as it does
 * with WeChat's own pushes.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { Rng } from './lib';

export interface OaAccountKeys {
  appId: string;
  token: string;
  /** 43 base64 characters */
  encodingAesKey: string;
}

/** One ready-to-send POST to /wechat/oa/:appid/callback. */
export interface PreparedPush {
  /** path and query string */
  path: string;
  body: Buffer;
  /** the distinct message it carries; a retry of the same push carries the same number */
  message: number;
}

type Kind = 'text' | 'click' | 'view' | 'subscribe' | 'location';
const KINDS: [Kind, number][] = [
  ['text', 60],
  ['click', 15],
  ['view', 10],
  ['subscribe', 10],
  ['location', 5],
];
const KIND_TOTAL = KINDS.reduce((a, [, w]) => a + w, 0);

const TEXTS = ['你好', '请问今天门店几点关门？', '我的积分怎么查', '想预约周六下午的护理', '优惠券在哪里领', '谢谢！', '发货了吗', '会员生日礼什么时候发放呀？'];
const MENU_KEYS = ['MENU_MEMBER_CARD', 'MENU_POINTS', 'MENU_STORES', 'MENU_COUPONS', 'MENU_SERVICE'];
const SCENES = ['store_SH01', 'store_BJ02', 'poster_1111', 'live_0923', ''];

const sha1 = (parts: string[]) => createHash('sha1').update(parts.sort().join(''), 'utf8').digest('hex');
const cdata = (v: string) => `<![CDATA[${v}]]>`;

/** Builds distinct pushes (each a new MsgId, sender and event) for one account, deterministically from a seed. */
export class OaPushFactory {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly ghId: string;
  private readonly runTag: string;
  private seq = 0;

  constructor(
    private readonly account: OaAccountKeys,
    private readonly rng: Rng,
  ) {
    this.key = Buffer.from(`${account.encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
    this.ghId = `gh_${account.appId.slice(2, 14)}`;
    this.runTag = rng.token(6).replace(/[-_]/g, 'x');
  }

  /** How many distinct messages this factory has made. */
  get made(): number {
    return this.seq;
  }

  /** A new distinct push, timestamped now. */
  next(): PreparedPush {
    const message = this.seq++;
    const r = this.rng;
    const now = Math.floor(Date.now() / 1000);
    // Unique per message: a fresh follower for every push keeps event dedupe keys distinct too.
    const openid = `o${this.runTag}${message.toString(36).padStart(8, '0')}${r.token(13)}`;
    const xml = this.plainXml(this.kind(), openid, now, message);
    const timestamp = String(now);
    const nonce = String(r.int(100_000_000, 2_147_483_647));
    const encrypt = this.encrypt(xml, r.bytes(16));
    const query = new URLSearchParams({
      signature: sha1([this.account.token, timestamp, nonce]),
      timestamp,
      nonce,
      openid,
      encrypt_type: 'aes',
      msg_signature: sha1([this.account.token, timestamp, nonce, encrypt]),
    });
    const body = `<xml><ToUserName>${cdata(this.ghId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
    return { path: `/wechat/oa/${this.account.appId}/callback?${query}`, body: Buffer.from(body, 'utf8'), message };
  }

  private kind(): Kind {
    let x = this.rng.next() * KIND_TOTAL;
    for (const [k, w] of KINDS) {
      if ((x -= w) < 0) return k;
    }
    return 'text';
  }

  private plainXml(kind: Kind, openid: string, createTime: number, message: number): string {
    const r = this.rng;
    const head = `<ToUserName>${cdata(this.ghId)}</ToUserName><FromUserName>${cdata(openid)}</FromUserName><CreateTime>${createTime}</CreateTime>`;
    let rest: string;
    switch (kind) {
      case 'text': {
        // 64-bit MsgIds as WeChat sends them, unique per message.
        const msgId = (24_000_000_000_000_000n + BigInt(message) * 7n + BigInt(r.int(0, 6))).toString();
        rest = `<MsgType>${cdata('text')}</MsgType><Content>${cdata(r.pick(TEXTS))}</Content><MsgId>${msgId}</MsgId>`;
        break;
      }
      case 'click':
        rest = `<MsgType>${cdata('event')}</MsgType><Event>${cdata('CLICK')}</Event><EventKey>${cdata(r.pick(MENU_KEYS))}</EventKey>`;
        break;
      case 'view':
        rest = `<MsgType>${cdata('event')}</MsgType><Event>${cdata('VIEW')}</Event><EventKey>${cdata(`https://brand.example.com/h5/${r.token(8)}`)}</EventKey><MenuId>${r.int(100, 999)}</MenuId>`;
        break;
      case 'subscribe': {
        const scene = r.pick(SCENES);
        rest = `<MsgType>${cdata('event')}</MsgType><Event>${cdata('subscribe')}</Event><EventKey>${cdata(scene ? `qrscene_${scene}` : '')}</EventKey>${scene ? `<Ticket>${cdata(`gQ${r.token(40)}`)}</Ticket>` : ''}`;
        break;
      }
      case 'location':
        rest = `<MsgType>${cdata('event')}</MsgType><Event>${cdata('LOCATION')}</Event><Latitude>${(22 + r.next() * 18).toFixed(6)}</Latitude><Longitude>${(104 + r.next() * 18).toFixed(6)}</Longitude><Precision>${(20 + r.next() * 80).toFixed(6)}</Precision>`;
        break;
    }
    return `<xml>${head}${rest}</xml>`;
  }

  private encrypt(xml: string, random: Buffer): string {
    const msg = Buffer.from(xml, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const full = Buffer.concat([random, len, msg, Buffer.from(this.account.appId, 'utf8')]);
    const pad = 32 - (full.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([full, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }
}

/**
 * The pushes of one timed phase, built before it starts and handed out in order, one per request.
 * About `repeatPercent` % of them are exact copies of a push made 20–200 positions earlier: WeChat
 * retries a push it got no answer to with the same bytes, and those must land on the same row.
 * If the phase outruns the pool, more pushes are made on the spot and counted in `topUps`.
 */
export class PushPool {
  readonly items: PreparedPush[] = [];
  /** HTTP status per position, 0 while unanswered */
  readonly status: number[] = [];
  private cursor = 0;
  topUps = 0;

  constructor(
    private readonly factory: OaPushFactory,
    private readonly rng: Rng,
    private readonly repeatPercent: number,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.add();
  }

  /** Hands out the next push; its position identifies it in `answer`. */
  take(): number {
    if (this.cursor >= this.items.length) {
      this.add();
      this.topUps++;
    }
    return this.cursor++;
  }

  get sent(): number {
    return this.cursor;
  }

  answer(position: number, status: number): void {
    this.status[position] = status;
  }

  /** Positions handed out that never got a response (cut off when the phase ended, or timed out). */
  unanswered(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.cursor; i++) if (!this.status[i]) out.push(i);
    return out;
  }

  private add(): void {
    const i = this.items.length;
    if (i >= 20 && this.rng.chance(this.repeatPercent / 100)) {
      this.items.push(this.items[i - this.rng.int(20, Math.min(200, i))]);
    } else {
      this.items.push(this.factory.next());
    }
    this.status.push(0);
  }
}
