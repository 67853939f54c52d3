import type zh from '../zh-CN/audit'

export default {
  title: 'Audit log',
  actor: 'Who',
  action: 'Action',
  entity: 'Object',
  time: 'When',
  before: 'Before',
  after: 'After',
  system: 'System',
  shown: '{n} entries shown',
} satisfies typeof zh
