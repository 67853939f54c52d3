import type { StaffUser } from '@/api/types'

export type AdminUserOption = Pick<StaffUser, 'id' | 'username' | 'displayName' | 'role' | 'active'>
