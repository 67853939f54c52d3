import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../../accounts/accounts.module';
import { EventsModule } from '../../events/events.module';
import { MembersModule } from '../../members/members.module';
import { WechatModule } from '../wechat.module';
import { WecomApiService } from './wecom-api.service';
import { WecomCallbackController } from './wecom-callback.controller';
import { WecomCallbackService } from './wecom-callback.service';
import { WecomContactFollowEntity } from './wecom-contact-follow.entity';
import { WecomContactImportService } from './wecom-contact-import.service';
import { WecomContactsController } from './wecom-contacts.controller';
import { WecomContactsService } from './wecom-contacts.service';
import { WecomDepartmentEntity, WecomStaffEntity, WecomSyncRunEntity } from './wecom-org.entity';
import { WecomOrgController } from './wecom-org.controller';
import { WecomOrgService } from './wecom-org.service';
import { WecomOrgSyncService } from './wecom-org-sync.service';
import { WecomSyncRunsService } from './wecom-sync-runs.service';

/** WeCom: callbacks, the API client, the synced organisation and who serves which customer. */
@Module({
  imports: [
    WechatModule,
    EventsModule,
    MembersModule,
    AccountsModule,
    TypeOrmModule.forFeature([WecomDepartmentEntity, WecomStaffEntity, WecomSyncRunEntity, WecomContactFollowEntity]),
  ],
  controllers: [WecomCallbackController, WecomOrgController, WecomContactsController],
  providers: [WecomCallbackService, WecomApiService, WecomSyncRunsService, WecomOrgSyncService, WecomOrgService, WecomContactsService, WecomContactImportService],
  exports: [WecomApiService, WecomContactsService],
})
export class WecomModule {}
