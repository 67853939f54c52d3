import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, AppConfig } from '../platform/config/config';

/**
 * Where WeChat's APIs are: the real hosts in live mode, or the built-in sandbox served by this very
 * process in sandbox mode (its port asked from the listening server, so tests on random ports work).
 */
@Injectable()
export class WechatEndpoints {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  get sandbox(): boolean {
    return this.config.wechat.mode === 'sandbox';
  }

  /** api.weixin.qq.com (OA, mini-program) */
  get mp(): string {
    return this.sandbox ? `${this.ownOrigin()}/sandbox` : 'https://api.weixin.qq.com';
  }

  /** qyapi.weixin.qq.com (WeCom) */
  get wecom(): string {
    return this.sandbox ? `${this.ownOrigin()}/sandbox/qyapi` : 'https://qyapi.weixin.qq.com';
  }

  /** api.mch.weixin.qq.com (Pay v3) */
  get pay(): string {
    return this.sandbox ? `${this.ownOrigin()}/sandbox/mch` : 'https://api.mch.weixin.qq.com';
  }

  /** This server as WeChat reaches it (callback URLs shown to operators). */
  get publicUrl(): string {
    return this.config.publicUrl;
  }

  ownOrigin(): string {
    const server = this.http.httpAdapter?.getHttpServer();
    const addr = server?.address() as AddressInfo | null | undefined;
    return `http://127.0.0.1:${addr?.port ?? this.config.port}`;
  }
}
