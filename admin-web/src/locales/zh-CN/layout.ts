export default {
  menu: {
    members: '会员列表',
    memberDetail: '会员详情',
    import: '会员导入',
    tags: '标签管理',
    attributes: '自定义属性',
    channels: '渠道账号',
    autoReplies: '自动回复',
    wecomOrg: '企业微信组织',
    apiKeys: 'API 密钥',
    sandbox: '沙箱微信',
    staff: '员工账号',
    stores: '门店',
    audit: '操作日志',
    login: '登录',
    forbidden: '无权访问',
    notFound: '页面不存在',
  },
  header: {
    store: '门店',
    allStores: '全部门店',
    logout: '退出登录',
    collapse: '收起菜单',
  },
  roles: {
    owner: '品牌所有者',
    operator: '运营',
    store_manager: '店长',
    store_staff: '店员',
  },
  forbidden: {
    title: '无权访问此页面',
    back: '返回首页',
  },
  notFound: {
    title: '页面不存在',
  },
}
