import { describe, expect, it } from 'vitest'
import { needsStores, storesLabel, userFormToBody, userFormToUpdateBody, userToForm } from './data'

describe('staff account form', () => {
  it('store roles keep their stores, brand roles send none', () => {
    const form = { ...userToForm(null), username: ' clerk ', displayName: ' Clerk ', password: 'Secret#123', storeIds: [1, 2] }
    expect(userFormToBody(form)).toEqual({
      username: 'clerk',
      displayName: 'Clerk',
      password: 'Secret#123',
      role: 'store_staff',
      storeIds: [1, 2],
    })
    expect(userFormToBody({ ...form, role: 'operator' }).storeIds).toEqual([])
  })

  it('labels the stores a user can see', () => {
    const name = (id: number) => ({ 1: 'SH01', 2: 'BJ01' })[id] ?? `#${id}`
    expect(storesLabel({ role: 'store_manager', storeIds: [1, 2] }, name, 'All')).toBe('SH01, BJ01')
    expect(storesLabel({ role: 'owner', storeIds: [] }, name, 'All')).toBe('All')
    expect(needsStores('store_staff')).toBe(true)
    expect(needsStores('operator')).toBe(false)
  })

  it('an edit keeps the username and only sends a password when one was typed', () => {
    const user = { id: 3, username: 'sh_staff', displayName: 'Li', role: 'store_staff' as const, storeIds: [1], active: true, lastLoginAt: null }
    const form = userToForm(user)
    expect(form.password).toBe('')
    expect(userFormToUpdateBody(form)).toEqual({ displayName: 'Li', role: 'store_staff', storeIds: [1] })
    expect(userFormToUpdateBody({ ...form, password: 'NewPass#123' })).toMatchObject({ password: 'NewPass#123' })
    expect(userFormToUpdateBody(form)).not.toHaveProperty('username')
  })
})
