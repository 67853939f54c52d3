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

/** Mounted only when WECHAT_MODE=sandbox (the embedded default and tests). */
@Module({
  imports: [WechatModule],
  controllers: [SandboxController, SandboxControlController, SandboxOaController],
  providers: [SandboxState, SandboxRecorder, SandboxOaEmitter, SandboxWecomEmitter, SandboxMiniappEmitter, SandboxPayEmitter],
  exports: [SandboxState],
})
export class SandboxModule {}
