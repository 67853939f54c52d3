import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { requestContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Gives every request an id (the caller's X-Request-Id if sane), echoes it, and opens the request context. */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction) {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  requestContext.run({ requestId: id }, next);
}
