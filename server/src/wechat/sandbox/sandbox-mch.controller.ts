import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../../platform/auth/decorators';
import { MchAnswer, SandboxMch, SandboxPaid } from './sandbox-mch.service';
import { SandboxPayEmitter } from './sandbox-pay-emitter';
import { SandboxState } from './sandbox-state.service';

class SandboxPayTradeDto {
  @ApiPropertyOptional({ example: '1900000109', description: 'the merchant; needed only when two merchants use the same order number' })
  @IsOptional() @Matches(/^\d{8,12}$/, { message: 'mchId must be 8-12 digits' })
  mchId?: string;
}

class SandboxNotifyResultDto {
  @ApiProperty({ description: 'HTTP status our notify URL answered' }) status: number;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'object', properties: { url: { type: 'string' }, body: { type: 'string' } } }) request: { url: string; body: string };
}

class SandboxPaidDto {
  @ApiProperty() mchId: string;
  @ApiProperty() outTradeNo: string;
  @ApiProperty() transactionId: string;
  @ApiProperty({ enum: ['SUCCESS'] }) tradeState: 'SUCCESS';
  @ApiProperty({ type: SandboxNotifyResultDto, description: 'the payment notify WeChat Pay sent to our notify URL' }) notify: SandboxNotifyResultDto;
}

/**
 * The sandbox api.mch.weixin.qq.com (JSAPI prepay and order query, signed answers, WeChat Pay's
 * `{code, message}` errors) and the payer's side: paying an order.
 */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxMchController {
  constructor(
    private readonly mch: SandboxMch,
    private readonly state: SandboxState,
    private readonly platform: SandboxPayEmitter,
  ) {}

  @Post('mch/v3/pay/transactions/jsapi')
  @Public()
  @ApiOperation({ summary: 'WeChat Pay v3 JSAPI / mini-program prepay (merchant-signed request)' })
  async jsapi(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.serve(req, res, (mchid, body) => this.mch.prepay(mchid, body));
  }

  @Get('mch/v3/pay/transactions/out-trade-no/:outTradeNo')
  @Public()
  @ApiOperation({ summary: 'WeChat Pay v3 order query by out_trade_no (merchant-signed request)' })
  async query(@Req() req: Request, @Res() res: Response, @Param('outTradeNo') outTradeNo: string): Promise<void> {
    await this.serve(req, res, async (mchid) => this.mch.query(mchid, outTradeNo, req.query.mchid));
  }

  @Post('pay/transactions/:outTradeNo/pay')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play the payer paying an order: it turns SUCCESS and a signed payment notify goes to our notify URL' })
  @ApiOkResponse({ type: SandboxPaidDto })
  pay(@Param('outTradeNo') outTradeNo: string, @Body() dto: SandboxPayTradeDto): Promise<SandboxPaid> {
    return this.mch.pay(outTradeNo, dto.mchId);
  }

  /** Faults, the merchant's signature, the answer signed with the platform key, and the call recorded. */
  private async serve(req: Request, res: Response, handle: (mchid: string, body: string) => Promise<MchAnswer>): Promise<void> {
    const api = req.path.replace(/^\/sandbox/, '');
    const body = rawBody(req.body);
    const fault = this.state.takeFault(api);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    let answer: MchAnswer;
    if (fault?.httpStatus) {
      answer = { status: fault.httpStatus, body: { code: fault.httpStatus === 429 ? 'FREQUENCY_LIMITED' : 'SYSTEM_ERROR', message: fault.errmsg ?? `sandbox fault: HTTP ${fault.httpStatus}` } };
    } else {
      // what the merchant signed: the path as WeChat Pay sees it (no /sandbox/mch), with the query
      const auth = await this.mch.authenticate({ method: req.method, url: req.originalUrl.replace(/^\/sandbox\/mch/, ''), body, authorization: req.headers.authorization });
      answer = 'mchid' in auth ? await handle(auth.mchid, body) : auth;
    }
    const text = JSON.stringify(answer.body);
    this.state.record({ api, method: req.method, query: req.query as Record<string, string>, body: parseOr(body), status: answer.status, response: answer.body });
    res
      .status(answer.status)
      .set({ ...this.platform.signAnswer(text), 'Request-ID': randomBytes(16).toString('hex'), 'Content-Type': 'application/json; charset=utf-8' })
      .send(text);
  }
}

/** The exact bytes the merchant sent (the /sandbox/mch routes get the raw body, as notify URLs do). */
function rawBody(body: unknown): string {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string') return body;
  return body && typeof body === 'object' && Object.keys(body).length ? JSON.stringify(body) : '';
}

function parseOr(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
