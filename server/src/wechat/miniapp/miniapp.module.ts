import { Module } from '@nestjs/common';
import { MembersModule } from '../../members/members.module';
import { MiniappAuthService } from './miniapp-auth.service';
import { MiniappController } from './miniapp.controller';
import { WechatModule } from '../wechat.module';

@Module({ imports: [MembersModule, WechatModule], controllers: [MiniappController], providers: [MiniappAuthService] })
export class MiniappModule {}
