import { Module } from '@nestjs/common';
import { MembersModule } from '../../members/members.module';
import { MiniappAuthService } from './miniapp-auth.service';
import { MiniappController } from './miniapp.controller';

@Module({ imports: [MembersModule], controllers: [MiniappController], providers: [MiniappAuthService] })
export class MiniappModule {}
