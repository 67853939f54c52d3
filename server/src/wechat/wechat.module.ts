import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessTokenEntity, ChannelAccountEntity } from './channels/channel-account.entity';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsService } from './channels/channels.service';
import { AccessTokenService } from './tokens/access-token.service';
import { WechatEndpoints } from './wechat-endpoints';

/** Channel accounts, where WeChat is, and the access tokens to call it. */
@Module({
  imports: [TypeOrmModule.forFeature([ChannelAccountEntity, ChannelAccessTokenEntity])],
  controllers: [ChannelsController],
  providers: [WechatEndpoints, AccessTokenService, ChannelsService],
  exports: [WechatEndpoints, AccessTokenService, ChannelsService],
})
export class WechatModule {}
