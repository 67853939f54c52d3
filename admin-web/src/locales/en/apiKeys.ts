import type zh from '../zh-CN/apiKeys'

export default {
  create: 'New API key',
  createdTitle: 'API key created',
  generate: 'Generate',
  stored: 'I have stored it',
  namePlaceholder: 'e.g. POS system',
  onceWarning: 'This key is shown only this once and cannot be viewed again after closing. Copy it now and keep it safe; if lost, revoke it and create a new one.',
  hint: 'External systems (POS, e-commerce) send it in the Authorization: Bearer KEY header when calling the open API.',
  empty: 'No API keys yet',
  revoke: 'Revoke',
  revoked: 'Revoked',
  revokeConfirm: 'Calls using "{name}" will fail from now on. Revoke it?',
  status: {
    active: 'Active',
    revoked: 'Revoked',
  },
  columns: {
    name: 'Name',
    prefix: 'Key prefix',
    status: 'Status',
    createdAt: 'Created',
    lastUsedAt: 'Last used',
    revokedAt: 'Revoked at',
  },
} satisfies typeof zh
