import type zh from '../zh-CN/autoReplies'

export default {
  create: 'New auto reply',
  edit: 'Edit auto reply',
  empty: 'No auto reply rules yet',
  hint: 'The Official Account answers at once on a follow or a message. A message is matched against keyword rules first; the "Any message" rule answers only when no keyword matches. Rules for one account win over rules for every account.',
  allAccounts: 'Every Official Account',
  noAccount: 'No Official Account yet: rules will apply to accounts added later.',
  deleteConfirm: 'Delete this auto reply? ({trigger})',
  enabledOn: 'Enabled',
  enabledOff: 'Disabled',
  triggers: {
    subscribe: 'On follow',
    keyword: 'Keyword',
    message: 'Any message',
  },
  triggerHints: {
    subscribe: 'Sent when someone follows the account (a welcome message).',
    keyword: 'Sent when a text message matches the keyword.',
    message: 'Sent when a text message matches no keyword.',
  },
  matches: {
    exact: 'Exact match',
    contains: 'Contains keyword',
  },
  columns: {
    trigger: 'Trigger',
    keyword: 'Keyword',
    reply: 'Reply',
    account: 'Official Account',
    enabled: 'On',
    updatedAt: 'Updated',
  },
  fields: {
    account: 'Official Account',
    trigger: 'Trigger',
    keyword: 'Keyword',
    match: 'Match',
    reply: 'Reply',
    enabled: 'Enabled',
  },
  placeholders: {
    keyword: 'e.g. coupon',
    reply: 'The text people receive, up to 600 characters',
  },
  invalid: {
    keyword: 'A keyword is 1-30 characters',
    reply: 'A reply is 1-600 characters',
  },
} satisfies typeof zh
