import type zh from '../zh-CN/layout'

export default {
  menu: {
    members: 'Members',
    memberDetail: 'Member',
    import: 'Import members',
    tags: 'Tags',
    segments: 'Segments',
    segmentNew: 'New segment',
    segmentEdit: 'Edit segment',
    segmentMembers: 'Segment members',
    segmentLayers: 'Layers',
    automation: 'Automation flows',
    automationCanvas: 'Edit flow',
    attributes: 'Custom attributes',
    channels: 'Channel accounts',
    autoReplies: 'Auto replies',
    wecomOrg: 'WeCom organisation',
    apiKeys: 'API keys',
    sandbox: 'Sandbox WeChat',
    staff: 'Staff accounts',
    stores: 'Stores',
    audit: 'Audit log',
    login: 'Log in',
    forbidden: 'Forbidden',
    notFound: 'Not found',
  },
  header: {
    store: 'Store',
    allStores: 'All stores',
    logout: 'Log out',
    collapse: 'Collapse menu',
  },
  roles: {
    owner: 'Owner',
    operator: 'Operator',
    store_manager: 'Store manager',
    store_staff: 'Store staff',
  },
  forbidden: {
    title: 'You may not open this page',
    back: 'Back to home',
  },
  notFound: {
    title: 'Page not found',
  },
} satisfies typeof zh
