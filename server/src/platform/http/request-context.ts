import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting in the current request: an admin user, a member (mini-program) or the system. */
export interface AdminPrincipal {
  kind: 'admin';
  id: number;
  username: string;
  displayName: string;
  role: 'owner' | 'operator' | 'store_manager' | 'store_staff';
  storeIds: number[];
}

export interface MemberPrincipal {
  kind: 'member';
  memberId: number;
}

export interface ApiKeyPrincipal {
  kind: 'api_key';
  keyId: number;
  name: string;
}

export type Principal = AdminPrincipal | MemberPrincipal | ApiKeyPrincipal;

export interface RequestContext {
  requestId: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
