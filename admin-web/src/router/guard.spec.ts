import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/types'
import { decideNavigation } from './guard'
import { buildMenu, canAccess, homePath } from './menu'
import { appRoutes } from './routes'

const menuPaths = (role: Role) => buildMenu(appRoutes, role).map((m) => m.path)
const route = (name: string) => {
  const r = appRoutes.find((x) => x.name === name)
  if (!r) throw new Error(`no route ${name}`)
  return { name, fullPath: `/${r.path}`, meta: r.meta ?? {} }
}

describe('menu by role', () => {
  it('owner sees everything', () => {
    expect(menuPaths('owner')).toEqual([
      '/members',
      '/members/import',
      '/tags',
      '/segments',
      '/segments/layers',
      '/automation',
      '/attributes',
      '/channels',
      '/channels/auto-replies',
      '/integrations/wecom',
      '/integrations/api-keys',
      '/system/staff',
      '/system/stores',
      '/system/audit',
    ])
  })

  it('operator sees the brand pages and the audit log but not staff or stores', () => {
    expect(menuPaths('operator')).toEqual([
      '/members',
      '/members/import',
      '/tags',
      '/segments',
      '/segments/layers',
      '/automation',
      '/attributes',
      '/channels',
      '/channels/auto-replies',
      '/integrations/wecom',
      '/integrations/api-keys',
      '/system/audit',
    ])
  })

  it('lists the sandbox page only when the server runs the sandbox WeChat', () => {
    expect(buildMenu(appRoutes, 'owner', '/', { sandbox: true }).map((m) => m.path)).toContain('/sandbox')
    expect(buildMenu(appRoutes, 'operator', '/', { sandbox: true }).map((m) => m.path)).toContain('/sandbox')
    expect(buildMenu(appRoutes, 'store_manager', '/', { sandbox: true }).map((m) => m.path)).toEqual(['/members'])
    expect(menuPaths('owner')).not.toContain('/sandbox')
  })

  it.each<Role>(['store_manager', 'store_staff'])('%s sees only members', (role) => {
    expect(menuPaths(role)).toEqual(['/members'])
    expect(homePath(appRoutes, role)).toBe('/members')
  })

  it('routes without roles are open to any logged-in user', () => {
    expect(canAccess({}, 'store_staff')).toBe(true)
    expect(canAccess({ roles: ['owner'] }, null)).toBe(false)
  })
})

describe('navigation guard', () => {
  it('sends anonymous users to login with a redirect back', () => {
    expect(decideNavigation(route('tags'), { isLoggedIn: false, role: null })).toEqual({
      name: 'login',
      query: { redirect: '/tags' },
    })
  })

  it('shows the 403 page for pages outside the role', () => {
    expect(decideNavigation(route('tags'), { isLoggedIn: true, role: 'store_staff' })).toEqual({ name: 'forbidden' })
    expect(decideNavigation(route('staff'), { isLoggedIn: true, role: 'operator' })).toEqual({ name: 'forbidden' })
    expect(decideNavigation(route('wecom-org'), { isLoggedIn: true, role: 'store_manager' })).toEqual({ name: 'forbidden' })
    expect(decideNavigation(route('wecom-org'), { isLoggedIn: true, role: 'operator' })).toBe(true)
    expect(decideNavigation(route('member-detail'), { isLoggedIn: true, role: 'store_staff' })).toBe(true)
  })

  it('keeps logged-in users off the login page', () => {
    const login = { name: 'login', fullPath: '/login', meta: { public: true } }
    expect(decideNavigation(login, { isLoggedIn: true, role: 'owner' })).toEqual({ path: '/' })
    expect(decideNavigation(login, { isLoggedIn: false, role: null })).toBe(true)
  })
})
