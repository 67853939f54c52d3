import { SetMetadata, createParamDecorator, ExecutionContext, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AdminPrincipal, ApiKeyPrincipal, MemberPrincipal } from '../http/request-context';

export type Role = AdminPrincipal['role'];
export const ALL_ROLES: Role[] = ['owner', 'operator', 'store_manager', 'store_staff'];
export const HQ_ROLES: Role[] = ['owner', 'operator'];

export const ACCESS_KEY = 'scrm:access';

/** How a route is reached. Every route must declare one; the guard refuses undeclared routes. */
export type Access = { kind: 'public' } | { kind: 'admin'; roles: Role[] } | { kind: 'member' } | { kind: 'api_key' };

/** Anyone may call it (login, health, WeChat callbacks verify their own signatures). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);

/** Admin users with one of these roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'admin', roles } satisfies Access),
    ApiBearerAuth('admin'),
    ApiUnauthorizedResponse({ description: 'missing or expired access token' }),
    ApiForbiddenResponse({ description: `only ${roles.join(', ')}` }),
  );

/** A logged-in mini-program member. */
export const MemberOnly = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'member' } satisfies Access), ApiBearerAuth('member'));

/** An integration calling with an API key (`Authorization: Bearer sk_…` or `X-Api-Key`). */
export const ApiKeyOnly = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'api_key' } satisfies Access), ApiBearerAuth('api_key'));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  return ctx.switchToHttp().getRequest().principal as AdminPrincipal;
});

export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): MemberPrincipal => {
  return ctx.switchToHttp().getRequest().principal as MemberPrincipal;
});

export const CurrentApiKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKeyPrincipal => {
  return ctx.switchToHttp().getRequest().principal as ApiKeyPrincipal;
});
