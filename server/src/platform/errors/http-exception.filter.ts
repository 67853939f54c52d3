import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, FieldProblem, TooManyRequestsError } from './app-error';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  requestId?: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One place maps every error to the `{statusCode, error, message, details}` body. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = typeof req.id === 'string' ? req.id : undefined;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req.url }, 'request failed');
    }
    if (exception instanceof TooManyRequestsError) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (res.headersSent) return;
    res.status(body.statusCode).type('application/json').send(JSON.stringify(body));
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof AppError) {
      return { statusCode: e.status, error: STATUS_NAMES[e.status] ?? 'Error', message: e.message, details: e.details };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const resp = e.getResponse();
      if (typeof resp === 'object' && resp && 'details' in resp) {
        const r = resp as { message: string; details: FieldProblem[] };
        return { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', message: r.message, details: r.details };
      }
      const message =
        typeof resp === 'string' ? resp : Array.isArray((resp as { message?: unknown }).message)
          ? ((resp as { message: string[] }).message).join('; ')
          : String((resp as { message?: unknown }).message ?? e.message);
      return { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', message };
    }
    const dup = duplicateKey(e);
    if (dup) return { statusCode: 409, error: 'Conflict', message: `${dup} already exists`, details: [{ field: dup, message: 'already exists' }] };
    const status = httpStatusOfLowLevelError(e);
    if (status) return { statusCode: status, error: STATUS_NAMES[status] ?? 'Error', message: (e as Error).message };
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side' };
  }
}

/** body-parser and multer errors carry a status or a code of their own. */
function httpStatusOfLowLevelError(e: unknown): number | undefined {
  const err = e as { status?: number; statusCode?: number; type?: string; code?: string };
  if (err?.code === 'LIMIT_FILE_SIZE') return 413;
  if (err?.type === 'entity.too.large') return 413;
  const s = err?.status ?? err?.statusCode;
  if (typeof s === 'number' && s >= 400 && s < 500) return s;
  return undefined;
}

/** Maps a unique-index violation (MySQL ER_DUP_ENTRY, SQLite UNIQUE) to the field it guards. */
export function duplicateKey(e: unknown): string | undefined {
  if (!(e instanceof QueryFailedError)) return undefined;
  const driverError = (e as QueryFailedError & { driverError?: { code?: string; message?: string } }).driverError;
  const msg = driverError?.message ?? e.message;
  if (driverError?.code === 'ER_DUP_ENTRY') {
    const m = /for key '(?:[^.']+\.)?([^']+)'/.exec(msg);
    return m ? fieldOfIndex(m[1]) : 'value';
  }
  if (driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(msg)) {
    const m = /UNIQUE constraint failed: ([\w.,\s]+)/.exec(msg);
    if (!m) return 'value';
    const cols = m[1].split(',').map((c) => c.trim().split('.').pop()!);
    return cols[cols.length - 1] ?? 'value';
  }
  return undefined;
}

/** Unique indexes are named `uq_<table>__<field>`; the field is what a user can fix. */
function fieldOfIndex(index: string): string {
  const m = /__(\w+)$/.exec(index);
  return m ? m[1] : index;
}
