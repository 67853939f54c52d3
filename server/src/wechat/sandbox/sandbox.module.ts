import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat.module';
import { SandboxControlController } from './sandbox-control.controller';
import { SandboxRecorder } from './sandbox-recorder.interceptor';
import { SandboxState } from './sandbox-state.service';
import { SandboxOaEmitter } from './sandbox-oa-emitter';
import { SandboxWecomEmitter } from './sandbox-wecom-emitter';
import { SandboxMiniappEmitter } from './sandbox-miniapp-emitter';
import { SandboxPayEmitter } from './sandbox-pay-emitter';
import { SandboxController } from './sandbox.controller';
import { SandboxOaController } from './sandbox-oa.controller';
import { SandboxMiniappController } from './sandbox-miniapp.controller';
import { SandboxMiniappState } from './sandbox-miniapp-state';
import { SandboxMchController } from './sandbox-mch.controller';
import { SandboxMchState } from './sandbox-mch-state';
import { SandboxMch } from './sandbox-mch.service';
import { SandboxWecomController } from './sandbox-wecom.controller';
import { SandboxWecomControlController } from './sandbox-wecom-control.controller';
import { SandboxWecomState } from './sandbox-wecom-state';
import { SandboxWecomMessaging } from './sandbox-wecom-messaging';

/** Mounted only when WECHAT_MODE=sandbox (the embedded default and tests). */
@Module({
  imports: [WechatModule],
  controllers: [SandboxController, SandboxControlController, SandboxOaController, SandboxWecomController, SandboxWecomControlController, SandboxMiniappController, SandboxMchController],
  providers: [SandboxState, SandboxRecorder, SandboxOaEmitter, SandboxWecomEmitter, SandboxMiniappEmitter, SandboxPayEmitter, SandboxWecomState, SandboxWecomMessaging, SandboxMiniappState, SandboxMchState, SandboxMch],
  exports: [SandboxState],
})
export class SandboxModule {}
