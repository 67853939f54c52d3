import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AccountsModule } from './accounts/accounts.module';
import { DemoModule } from './demo/demo.module';
import { MembersModule } from './members/members.module';
import { AuditController } from './platform/audit/audit.controller';
import { AppConfig } from './platform/config/config';
import { HealthController } from './platform/health/health.controller';
import { PlatformModule } from './platform/platform.module';
import { StartupService } from './startup.service';
import { TagsModule } from './tags/tags.module';
import { EventsModule } from './events/events.module';
import { WechatModule } from './wechat/wechat.module';
import { OaModule } from './wechat/oa/oa.module';
import { WecomModule } from './wechat/wecom/wecom.module';
import { TagSyncModule } from './tags/sync/tag-sync.module';
import { SegmentsModule } from './segments/segments.module';
import { SegmentMembershipModule } from './segments/membership/segment-membership.module';
import { PayModule } from './wechat/pay/pay.module';
import { MiniappModule } from './wechat/miniapp/miniapp.module';
import { SandboxModule } from './wechat/sandbox/sandbox.module';
import { AutomationModule } from './automation/automation.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const optional: Type[] = config.wechat.mode === 'sandbox' ? [SandboxModule] : [];
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '-',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
          },
        }),
        PlatformModule.forRoot(config),
        AccountsModule,
        TagsModule,
        MembersModule,
        EventsModule,
        WechatModule,
        OaModule,
        WecomModule,
        TagSyncModule,
        SegmentsModule,
        SegmentMembershipModule,
        PayModule,
        MiniappModule,
        AutomationModule,
        DemoModule,
        ...optional,
      ],
      controllers: [HealthController, AuditController],
      providers: [StartupService],
    };
  }
}
