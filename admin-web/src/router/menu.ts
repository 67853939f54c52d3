import type { Component } from 'vue'
import type { RouteMeta, RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

export interface MenuItem {
  path: string
  title: string
  icon?: Component
}

/** A route without `roles` is open to every logged-in user. */
export function canAccess(meta: Pick<RouteMeta, 'roles'> | undefined, role: Role | null | undefined): boolean {
  if (!meta?.roles) return true
  return role !== null && role !== undefined && meta.roles.includes(role)
}

/** Server features a route may depend on (meta.feature); off until the server says otherwise. */
export type Feature = NonNullable<RouteMeta['feature']>
export type FeatureFlags = Partial<Record<Feature, boolean>>

/**
 * Sidebar entries a role may see, in route order. `base` is the parent path ('/'); a route with
 * `meta.feature` is listed only when that feature is on.
 */
export function buildMenu(
  routes: RouteRecordRaw[],
  role: Role | null | undefined,
  base = '/',
  features: FeatureFlags = {},
): MenuItem[] {
  return routes
    .filter((r) => r.meta?.menu && canAccess(r.meta, role) && (!r.meta.feature || features[r.meta.feature] === true))
    .map((r) => ({
      path: r.path.startsWith('/') ? r.path : `${base.replace(/\/$/, '')}/${r.path}`,
      title: r.meta?.title ?? String(r.name ?? r.path),
      icon: r.meta?.icon,
    }))
}

/** Where a user lands after login or when opening a page they may not see. */
export function homePath(routes: RouteRecordRaw[], role: Role | null | undefined): string {
  return buildMenu(routes, role)[0]?.path ?? '/403'
}
