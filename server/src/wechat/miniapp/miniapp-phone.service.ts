import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventsService } from '../../events/events.service';
import { MemberMergeService } from '../../members/member-merge.service';
import { MembersService } from '../../members/members.service';
import { TokenService } from '../../platform/auth/token.service';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { SecretBox, normalizePhone } from '../../platform/crypto/secret-box';
import { AppError, BadInputError } from '../../platform/errors/app-error';
import { WechatApiError } from '../wechat-http';
import { MiniappApiService, VerifiedPhone } from './miniapp-api.service';
import { MiniappAuthService } from './miniapp-auth.service';
import { MpPhoneBoundDto } from './miniapp-member.dto';

/** Codes WeChat refuses because they are wrong, expired or already used: the member asks again. */
const BAD_CODE = new Set([40029, 40163]);

/** "绑定手机号": the phone-button code → the number WeChat verified → the member's phone. */
@Injectable()
export class MiniappPhoneService {
  private readonly logger = new Logger('MiniappPhone');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly api: MiniappApiService,
    private readonly members: MembersService,
    private readonly events: EventsService,
    private readonly auth: MiniappAuthService,
    private readonly box: SecretBox,
    private readonly merges: MemberMergeService,
    private readonly tokens: TokenService,
  ) {}

  async bind(memberId: number, code: string): Promise<MpPhoneBoundDto> {
    await this.auth.me(memberId); // a member deleted since the session began gets 401, not a phone
    const appId = this.config.wechat.miniappAppId;
    const verified = await this.verifiedPhone(appId, code);
    const phone = normalizePhone(verified.countryCode === '86' ? verified.purePhoneNumber : `+${verified.countryCode}${verified.purePhoneNumber}`);
    if (!phone) throw new BadInputError('WeChat returned a phone number we cannot store', [{ field: 'code', message: 'the verified number is not a mobile number' }]);
    const bound = await this.members.bindVerifiedPhone(memberId, phone);
    let outcome: MpPhoneBoundDto['phoneBinding'] = bound.result;
    let current = memberId;
    let mergeId: number | undefined;
    if (bound.result === 'held_by_other' && bound.otherMemberId) {
      // A verified number another record holds: the same person, so the two records become one.
      const merge = await this.merges.mergeOnIdentifier(memberId, bound.otherMemberId, 'phone', bound.phoneMasked);
      if (merge) {
        outcome = 'merged';
        mergeId = merge.id;
        current = merge.keptMemberId;
        await this.members.bindVerifiedPhone(current, phone); // the verified number becomes the kept record's phone
      }
    }
    await this.events.record({
      type: 'mp.phone_bound',
      source: 'miniapp',
      // the lookup hash is keyed: it names the number without revealing it
      dedupeKey: `mp:${appId}:phone:${memberId}:${this.box.lookupHash(phone).slice(0, 40)}`,
      occurredAt: new Date(),
      memberId: current,
      properties: {
        phoneMasked: bound.phoneMasked,
        outcome,
        ...(outcome === 'held_by_other' && bound.otherMemberId ? { heldByMemberId: bound.otherMemberId } : {}),
        ...(mergeId ? { mergeId } : {}),
      },
    });
    const session = current !== memberId ? this.tokens.signMember(current) : undefined;
    return { ...(await this.auth.me(current)), phoneBinding: outcome, ...(session ? { token: session.token, expiresIn: session.expiresIn } : {}) };
  }

  private async verifiedPhone(appId: string, code: string): Promise<VerifiedPhone> {
    try {
      return await this.api.getPhoneNumber(appId, code);
    } catch (e) {
      if (!(e instanceof WechatApiError)) throw e;
      if (BAD_CODE.has(e.errcode)) throw new BadInputError('the phone code is invalid, expired or already used; tap the button again', [{ field: 'code', message: 'invalid or already used' }]);
      this.logger.error(`getPhoneNumber failed: ${e.errcode} ${e.errmsg}`);
      throw new AppError(503, 'wechat_unavailable', `WeChat could not confirm the phone number right now (errcode ${e.errcode}); try again shortly`);
    }
  }
}
