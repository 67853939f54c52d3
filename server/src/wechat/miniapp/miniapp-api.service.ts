import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { ChannelsService } from '../channels/channels.service';
import { CoWechatAccount, CoWechatClients, postWithToken } from '../co-wechat-clients';
import { WechatEndpoints } from '../wechat-endpoints';
import { WechatApiError } from '../wechat-http';

/**
 * Token slot of the mini-program configured by MINIAPP_APPID/MINIAPP_SECRET when no channel account
 * names it (channel account ids start at 1).
 */
export const CONFIGURED_MINIAPP_TOKEN_SLOT = 0;

export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const;
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number];

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** page opened from the message card, e.g. `pages/index/index?x=1` */
  page?: string;
  data: Record<string, { value: string }>;
  /** which version the card opens; WeChat's default is formal */
  miniprogramState?: MiniprogramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface VerifiedPhone {
  /** with the country code for numbers outside mainland China */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

interface PhoneAnswer {
  phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string | number; watermark?: { appid?: string } };
}

/**
 * Mini-program server APIs through co-wechat-api (the same client setup as the OA): subscribe
 * messages and verified phone numbers. Errors are typed WechatApiError (43101 no subscribe credit,
 * 40037 unknown template, 40029 bad phone code, …).
 */
@Injectable()
export class MiniappApiService {
  private readonly clients: CoWechatClients;

  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    endpoints: WechatEndpoints,
  ) {
    this.clients = new CoWechatClients({ ds, endpoints, logger: new Logger('MiniappApi'), label: 'mini-program', account: (appId) => this.account(appId) });
  }

  /** subscribeMessage.send: one send uses up one of the user's acceptances of that template. */
  async sendSubscribeMessage(appId: string, msg: SubscribeMessage): Promise<{ msgid: string | null }> {
    const body = {
      touser: msg.touser,
      template_id: msg.templateId,
      ...(msg.page ? { page: msg.page } : {}),
      data: msg.data,
      miniprogram_state: msg.miniprogramState ?? 'formal',
      lang: msg.lang ?? 'zh_CN',
    };
    const res = await this.clients.call(appId, 'message/subscribe/send', (api) =>
      postWithToken<{ msgid?: unknown }>(api, `${api.prefix}message/subscribe/send`, body),
    );
    // json-bigint hands large msgids over as BigNumber
    return { msgid: res?.msgid == null ? null : String(res.msgid) };
  }

  /** getPhoneNumber: the single-use code from the button's getphonenumber event → the verified number. */
  async getPhoneNumber(appId: string, code: string): Promise<VerifiedPhone> {
    const res = await this.clients.call(appId, 'wxa/business/getuserphonenumber', (api) =>
      postWithToken<PhoneAnswer>(api, `${api.wxaPrefix}business/getuserphonenumber`, { code }),
    );
    const info = res?.phone_info;
    if (!info?.purePhoneNumber) throw new WechatApiError(-1, 'no phone_info in the answer', 'wxa/business/getuserphonenumber');
    return { phoneNumber: info.phoneNumber ?? info.purePhoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '86') };
  }

  private async account(appId: string): Promise<CoWechatAccount | null> {
    const s = await this.channels.findByExternalId('miniapp', appId);
    if (s?.secret) return { appId, secret: s.secret, tokenSlot: s.account.id };
    if (appId === this.config.wechat.miniappAppId) return { appId, secret: this.config.wechat.miniappSecret, tokenSlot: CONFIGURED_MINIAPP_TOKEN_SLOT };
    return null;
  }
}
