export default {
  create: '新建自动回复',
  edit: '编辑自动回复',
  empty: '还没有自动回复规则',
  hint: '公众号收到关注或消息后立即回复。同一条消息先按关键词规则匹配，都不匹配时才用“收到消息”规则；指定公众号的规则优先于“全部公众号”的规则。',
  allAccounts: '全部公众号',
  noAccount: '还没有公众号：规则会对以后添加的公众号生效。',
  deleteConfirm: '删除这条自动回复？（{trigger}）',
  enabledOn: '已启用',
  enabledOff: '已停用',
  triggers: {
    subscribe: '被关注时',
    keyword: '关键词',
    message: '收到消息',
  },
  triggerHints: {
    subscribe: '用户关注公众号时回复（欢迎语）。',
    keyword: '用户发来的文字与关键词匹配时回复。',
    message: '用户发来的文字没有匹配任何关键词时回复。',
  },
  matches: {
    exact: '完全匹配',
    contains: '包含关键词',
  },
  columns: {
    trigger: '触发方式',
    keyword: '关键词',
    reply: '回复内容',
    account: '公众号',
    enabled: '启用',
    updatedAt: '更新时间',
  },
  fields: {
    account: '公众号',
    trigger: '触发方式',
    keyword: '关键词',
    match: '匹配方式',
    reply: '回复内容',
    enabled: '启用',
  },
  placeholders: {
    keyword: '例如：优惠券',
    reply: '用户将收到的文字，最多 600 字',
  },
  invalid: {
    keyword: '关键词为 1-30 个字',
    reply: '回复内容为 1-600 个字',
  },
}
