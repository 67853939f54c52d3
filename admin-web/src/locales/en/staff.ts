import type zh from '../zh-CN/staff'

export default {
  title: 'Staff accounts',
  create: 'New account',
  edit: 'Edit account',
  newPassword: 'New password',
  keepPassword: 'Leave empty to keep the password',
  username: 'Username',
  displayName: 'Name',
  password: 'Initial password',
  passwordHint: 'At least 8 characters',
  passwordShort: 'The password needs at least 8 characters',
  role: 'Role',
  stores: 'Stores',
  storesRequired: 'Store roles need at least one store',
  active: 'Status',
  enabled: 'Active',
  disabled: 'Disabled',
  allStores: 'All stores',
} satisfies typeof zh
