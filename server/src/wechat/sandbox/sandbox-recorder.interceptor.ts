import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, of, switchMap, tap } from 'rxjs';
import { SandboxState } from './sandbox-state.service';

/**
 * Wraps every WeChat-facing sandbox route: applies an injected fault (latency, errcode, HTTP
 * status) and records the call with what was answered.
 */
@Injectable()
export class SandboxRecorder implements NestInterceptor {
  constructor(private readonly state: SandboxState) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const api = req.path.replace(/^\/sandbox/, '');
    const base = { api, method: req.method, query: req.query as Record<string, string>, body: req.body };
    const fault = this.state.takeFault(api);
    const delay = fault?.latencyMs ? new Promise((r) => setTimeout(r, fault.latencyMs)) : Promise.resolve();
    return from(delay).pipe(
      switchMap(() => {
        if (fault?.httpStatus) {
          res.status(fault.httpStatus);
          const body = { errcode: -1, errmsg: `sandbox fault: HTTP ${fault.httpStatus}` };
          this.state.record({ ...base, status: fault.httpStatus, response: body });
          return of(body);
        }
        if (fault?.errcode !== undefined) {
          const body = { errcode: fault.errcode, errmsg: fault.errmsg ?? 'sandbox fault' };
          this.state.record({ ...base, status: 200, response: body });
          return of(body);
        }
        return next.handle().pipe(tap((body) => this.state.record({ ...base, status: res.statusCode, response: body })));
      }),
    );
  }
}
