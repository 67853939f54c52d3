import type { CreateUserBody, Role, StaffUser, UpdateUserBody } from '@/api/types'

export const ROLES: Role[] = ['owner', 'operator', 'store_manager', 'store_staff']
/** Roles scoped to stores: they need at least one store. */
export const STORE_SCOPED_ROLES: Role[] = ['store_manager', 'store_staff']
export const MIN_PASSWORD = 8

export const ROLE_TAG_TYPE: Record<Role, 'danger' | 'warning' | 'primary' | 'info'> = {
  owner: 'danger',
  operator: 'warning',
  store_manager: 'primary',
  store_staff: 'info',
}

export const staffColumns = [
  { prop: 'username', label: 'staff.username', width: 160 },
  { prop: 'displayName', label: 'staff.displayName', width: 160 },
  { prop: 'role', label: 'staff.role', width: 140 },
  { prop: 'storeIds', label: 'staff.stores', minWidth: 220 },
  { prop: 'active', label: 'staff.active', width: 100 },
] as const

export interface UserForm {
  username: string
  password: string
  displayName: string
  role: Role
  storeIds: number[]
}

export function userToForm(user: StaffUser | null): UserForm {
  return user
    ? { username: user.username, password: '', displayName: user.displayName, role: user.role, storeIds: [...user.storeIds] }
    : { username: '', password: '', displayName: '', role: 'store_staff', storeIds: [] }
}

export function needsStores(role: Role): boolean {
  return STORE_SCOPED_ROLES.includes(role)
}

export function userFormToBody(form: UserForm): CreateUserBody {
  return {
    username: form.username.trim(),
    password: form.password,
    displayName: form.displayName.trim(),
    role: form.role,
    // brand-wide roles see every store; the list is ignored for them
    storeIds: needsStores(form.role) ? [...form.storeIds] : [],
  }
}

/** PATCH body: the username is fixed; an empty password field keeps the current password. */
export function userFormToUpdateBody(form: UserForm): UpdateUserBody {
  const { password, username: _username, ...rest } = userFormToBody(form)
  return password ? { ...rest, password } : rest
}

/** "SH01, BJ01" for a user's stores; brand-wide roles see all stores. */
export function storesLabel(user: Pick<StaffUser, 'role' | 'storeIds'>, storeName: (id: number) => string, all: string): string {
  if (!needsStores(user.role)) return all
  return user.storeIds.length ? user.storeIds.map(storeName).join(', ') : '—'
}
