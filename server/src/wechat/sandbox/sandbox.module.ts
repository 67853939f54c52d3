import { Module } from '@nestjs/common';
import { SandboxController } from './sandbox.controller';

/** Mounted only when WECHAT_MODE=sandbox (the embedded default and tests). */
@Module({ controllers: [SandboxController] })
export class SandboxModule {}
