import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import { EventsService } from '../../events/events.service';
import { MemberCodes } from '../../members/member-code';
import { MemberEntity } from '../../members/member.entity';
import { MembersService } from '../../members/members.service';
import { TokenService } from '../../platform/auth/token.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { SecretBox } from '../../platform/crypto/secret-box';
import { AppError, BadInputError, UnauthorizedError } from '../../platform/errors/app-error';
import { WechatEndpoints } from '../wechat-endpoints';
import { MpConfigDto, MpLoginResponseDto, MpMemberDto, MpUpdateMeDto } from './miniapp.dto';

interface Code2Session {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** Mini-program login: wx.login code → code2Session → one member per person → member session. */
@Injectable()
export class MiniappAuthService {
  private readonly logger = new Logger('MiniappAuth');
  private readonly codes: MemberCodes;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly members: MembersService,
    private readonly tokens: TokenService,
    private readonly endpoints: WechatEndpoints,
    private readonly events: EventsService,
    box: SecretBox,
  ) {
    this.codes = new MemberCodes(box.subKey('member-code'));
  }

  config_(): MpConfigDto {
    return { appId: this.config.wechat.miniappAppId, sandbox: this.config.wechat.mode === 'sandbox' };
  }

  async login(code: string, appId?: string): Promise<MpLoginResponseDto> {
    const app = appId ?? this.config.wechat.miniappAppId;
    if (app !== this.config.wechat.miniappAppId) {
      throw new BadInputError(`unknown mini-program ${app}`, [{ field: 'appId', message: 'not a configured mini-program' }]);
    }
    const session = await this.code2session(app, code);
    const member = await this.resolveMember(app, session.openid!, session.unionid);
    const now = new Date();
    await this.ds.getRepository(MemberEntity).update({ id: member.id }, { lastSeenAt: now, consentMiniapp: true });
    this.members.changed({ memberIds: [member.id], fields: ['lastSeenAt', 'consentMiniapp'] });
    // each wx.login code is single-use, so it names this login exactly once
    await this.events.record({
      type: 'mp.login',
      source: 'miniapp',
      dedupeKey: `mp:${app}:login:${createHash('sha256').update(code).digest('hex').slice(0, 32)}`,
      occurredAt: now,
      properties: {},
      memberId: member.id,
      subject: { type: 'mp_openid', appId: app, value: session.openid! },
    });
    const token = this.tokens.signMember(member.id);
    return { token: token.token, expiresIn: token.expiresIn, member: await this.me(member.id) };
  }

  async me(memberId: number): Promise<MpMemberDto> {
    const m = await this.ds.getRepository(MemberEntity).findOne({ where: { id: memberId } });
    if (!m) throw new UnauthorizedError('this member no longer exists; log in again');
    const { code, expiresAt } = this.codes.issue(m.id);
    return {
      id: m.id,
      nickname: m.nickname,
      avatarUrl: m.avatarUrl,
      points: m.points,
      level: m.level,
      memberCode: code,
      memberCodeExpiresAt: expiresAt.toISOString(),
      phoneMasked: m.phoneMasked,
    };
  }

  async updateMe(memberId: number, dto: MpUpdateMeDto): Promise<MpMemberDto> {
    await this.me(memberId);
    const patch: Partial<MemberEntity> = {};
    if (dto.nickname !== undefined) patch.nickname = dto.nickname;
    if (dto.avatarUrl !== undefined) patch.avatarUrl = dto.avatarUrl;
    if (Object.keys(patch).length) {
      await this.ds.getRepository(MemberEntity).update({ id: memberId }, patch);
      this.members.changed({ memberIds: [memberId], fields: Object.keys(patch) });
    }
    return this.me(memberId);
  }

  private async code2session(appId: string, code: string): Promise<Code2Session> {
    const base = this.endpoints.mp;
    const url = `${base}/sns/jscode2session?${new URLSearchParams({ appid: appId, secret: this.config.wechat.miniappSecret, js_code: code, grant_type: 'authorization_code' })}`;
    let body: Code2Session;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      body = (await res.json()) as Code2Session;
    } catch (e) {
      this.logger.warn(`code2Session unreachable: ${(e as Error).message}`);
      throw new AppError(503, 'wechat_unavailable', 'WeChat login is unavailable right now; try again shortly');
    }
    if (body.errcode === 40029 || body.errcode === 40163) throw new UnauthorizedError('the login code is invalid or already used; call wx.login again');
    if (body.errcode || !body.openid) {
      this.logger.error(`code2Session failed: ${body.errcode} ${body.errmsg}`);
      throw new AppError(503, 'wechat_error', `WeChat refused the login (errcode ${body.errcode})`);
    }
    return body;
  }

  /** One member per person: the mini-program openid, else the unionid shared with OA and WeCom, else new. */
  private async resolveMember(appId: string, openid: string, unionid?: string): Promise<MemberEntity> {
    const { member, created } = await this.members.resolveIdentity({ type: 'mp_openid', appId, value: openid }, { unionid, source: 'miniapp', consent: { miniapp: true } });
    if (!unionid || created) return member;
    // Known by openid, now with a unionid another record may hold (e.g. an OA follower): one person.
    const id = await this.members.claimUnionid(member.id, unionid);
    return id === member.id ? member : this.members.get(id);
  }
}
