import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Aim, Avatar, Share, DataAnalysis, ChatDotRound, Collection, Connection, Document, Iphone, Key, OfficeBuilding, PriceTag, Shop, Upload, User } from '@element-plus/icons-vue'
import type { Role } from '@/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (also the menu label). */
    title?: string
    /** Roles that may open the route; absent = every logged-in user. */
    roles?: Role[]
    icon?: Component
    /** Shown in the sidebar menu. */
    menu?: boolean
    /** Menu entry to highlight when this (hidden) route is open. */
    activeMenu?: string
    public?: boolean
    /** Listed in the menu only when the server has this feature on (see stores/app-config.ts). */
    feature?: 'sandbox'
  }
}

export const ALL_ROLES: Role[] = ['owner', 'operator', 'store_manager', 'store_staff']
const BRAND: Role[] = ['owner', 'operator']
const OWNER: Role[] = ['owner']

/** Pages inside the layout, in menu order. */
export const appRoutes: RouteRecordRaw[] = [
  {
    path: 'members',
    name: 'members',
    component: () => import('@/views/members/list/index.vue'),
    meta: { title: 'layout.menu.members', roles: ALL_ROLES, icon: User, menu: true },
  },
  {
    path: 'members/import',
    name: 'member-import',
    component: () => import('@/views/members/import/index.vue'),
    meta: { title: 'layout.menu.import', roles: BRAND, icon: Upload, menu: true },
  },
  {
    path: 'members/:id(\\d+)',
    name: 'member-detail',
    component: () => import('@/views/members/detail/index.vue'),
    meta: { title: 'layout.menu.memberDetail', roles: ALL_ROLES, activeMenu: '/members' },
  },
  {
    path: 'tags',
    name: 'tags',
    component: () => import('@/views/tags/manage/index.vue'),
    meta: { title: 'layout.menu.tags', roles: BRAND, icon: PriceTag, menu: true },
  },
  {
    path: 'segments',
    name: 'segments',
    component: () => import('@/views/segments/list/index.vue'),
    meta: { title: 'layout.menu.segments', roles: BRAND, icon: Aim, menu: true },
  },
  {
    path: 'segments/layers',
    name: 'segment-layers',
    component: () => import('@/views/segments/layers/index.vue'),
    meta: { title: 'layout.menu.segmentLayers', roles: BRAND, icon: DataAnalysis, menu: true },
  },
  {
    path: 'segments/new',
    name: 'segment-new',
    component: () => import('@/views/segments/builder/index.vue'),
    meta: { title: 'layout.menu.segmentNew', roles: BRAND, activeMenu: '/segments' },
  },
  {
    path: 'segments/:id(\\d+)/edit',
    name: 'segment-edit',
    component: () => import('@/views/segments/builder/index.vue'),
    meta: { title: 'layout.menu.segmentEdit', roles: BRAND, activeMenu: '/segments' },
  },
  {
    path: 'segments/:id(\\d+)/members',
    name: 'segment-members',
    component: () => import('@/views/segments/members/index.vue'),
    meta: { title: 'layout.menu.segmentMembers', roles: BRAND, activeMenu: '/segments' },
  },
  {
    path: 'automation',
    name: 'automation',
    component: () => import('@/views/automation/list/index.vue'),
    meta: { title: 'layout.menu.automation', roles: BRAND, icon: Share, menu: true },
  },
  {
    path: 'automation/:id(\\d+)',
    name: 'automation-canvas',
    component: () => import('@/views/automation/canvas/index.vue'),
    meta: { title: 'layout.menu.automationCanvas', roles: BRAND, activeMenu: '/automation' },
  },
  {
    path: 'attributes',
    name: 'attributes',
    component: () => import('@/views/attributes/list/index.vue'),
    meta: { title: 'layout.menu.attributes', roles: BRAND, icon: Collection, menu: true },
  },
  {
    path: 'channels',
    name: 'channels',
    component: () => import('@/views/channels/list/index.vue'),
    meta: { title: 'layout.menu.channels', roles: BRAND, icon: Connection, menu: true },
  },
  {
    path: 'channels/auto-replies',
    name: 'oa-auto-replies',
    component: () => import('@/views/channels/auto-replies/index.vue'),
    meta: { title: 'layout.menu.autoReplies', roles: BRAND, icon: ChatDotRound, menu: true },
  },
  {
    path: 'integrations/wecom',
    name: 'wecom-org',
    component: () => import('@/views/integrations/wecom-org/index.vue'),
    meta: { title: 'layout.menu.wecomOrg', roles: BRAND, icon: OfficeBuilding, menu: true },
  },
  {
    path: 'integrations/api-keys',
    name: 'api-keys',
    component: () => import('@/views/integrations/api-keys/index.vue'),
    meta: { title: 'layout.menu.apiKeys', roles: BRAND, icon: Key, menu: true },
  },
  {
    path: 'sandbox',
    name: 'sandbox',
    component: () => import('@/views/sandbox/wechat/index.vue'),
    meta: { title: 'layout.menu.sandbox', roles: BRAND, icon: Iphone, menu: true, feature: 'sandbox' },
  },
  {
    path: 'system/staff',
    name: 'staff',
    component: () => import('@/views/system/staff/index.vue'),
    meta: { title: 'layout.menu.staff', roles: OWNER, icon: Avatar, menu: true },
  },
  {
    path: 'system/stores',
    name: 'stores',
    component: () => import('@/views/system/stores/index.vue'),
    meta: { title: 'layout.menu.stores', roles: OWNER, icon: Shop, menu: true },
  },
  {
    path: 'system/audit',
    name: 'audit',
    component: () => import('@/views/system/audit/index.vue'),
    meta: { title: 'layout.menu.audit', roles: BRAND, icon: Document, menu: true },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/forbidden/index.vue'),
    meta: { title: 'layout.menu.forbidden' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/login/index.vue'),
    meta: { title: 'layout.menu.login', public: true },
  },
  {
    path: '/',
    component: () => import('@/layouts/BasicLayout.vue'),
    redirect: '/members',
    children: appRoutes,
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/not-found/index.vue'),
    meta: { title: 'layout.menu.notFound', public: true },
  },
]
