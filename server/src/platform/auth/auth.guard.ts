import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors/app-error';
import { AdminPrincipal, ApiKeyPrincipal, requestContext } from '../http/request-context';
import { ACCESS_KEY, Access } from './decorators';
import { TokenService } from './token.service';

/** Looks up an active admin user for a token's subject (implemented by the accounts module). */
export interface AdminDirectory {
  findActivePrincipal(userId: number): Promise<AdminPrincipal | null>;
}
export const ADMIN_DIRECTORY = Symbol('ADMIN_DIRECTORY');

/** Checks integration API keys (implemented by the accounts module). */
export interface ApiKeyDirectory {
  check(rawKey: string): Promise<ApiKeyPrincipal | null>;
}
export const API_KEY_DIRECTORY = Symbol('API_KEY_DIRECTORY');

/**
 * The one gate every route passes. Routes declare @Public(), @Roles(...) or @MemberOnly(); a route
 * that declares nothing is refused, so forgetting a declaration can never open an endpoint.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(ADMIN_DIRECTORY) private readonly directory: AdminDirectory,
    @Inject(API_KEY_DIRECTORY) private readonly apiKeys: ApiKeyDirectory,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: unknown }>();
    if (!access) {
      this.logger.error(`route ${req.method} ${req.path} declares no access rule; refused`);
      throw new ForbiddenError('this route is not open to anyone');
    }
    if (access.kind === 'public') return true;

    if (access.kind === 'api_key') {
      const key = bearer(req) ?? headerKey(req);
      if (!key) throw new UnauthorizedError('missing API key (Authorization: Bearer sk_… or X-Api-Key)');
      const principal = await this.apiKeys.check(key);
      if (!principal) throw new UnauthorizedError('API key is invalid or revoked');
      this.attach(req, principal);
      return true;
    }

    const token = bearer(req);
    if (!token) throw new UnauthorizedError('missing bearer token');

    if (access.kind === 'member') {
      const memberId = this.tokens.verify('member', token);
      if (!memberId) throw new UnauthorizedError('member session is invalid or expired; log in again');
      this.attach(req, { kind: 'member', memberId });
      return true;
    }

    const userId = this.tokens.verify('admin', token);
    if (!userId) throw new UnauthorizedError('access token is invalid or expired');
    const principal = await this.directory.findActivePrincipal(userId);
    if (!principal) throw new UnauthorizedError('user no longer exists or is disabled');
    this.attach(req, principal);
    if (!access.roles.includes(principal.role)) {
      throw new ForbiddenError(`role ${principal.role} may not do this (needs ${access.roles.join(' or ')})`);
    }
    return true;
  }

  private attach(req: { principal?: unknown }, principal: NonNullable<ReturnType<typeof requestContext.current>>['principal']) {
    req.principal = principal;
    const rc = requestContext.current();
    if (rc) rc.principal = principal;
  }
}

function headerKey(req: Request): string | null {
  const h = req.headers['x-api-key'];
  return typeof h === 'string' && h ? h : null;
}

function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}
