export default {
  title: '登录',
  subtitle: '会员与营销管理平台',
  username: '用户名',
  password: '密码',
  submit: '登录',
  usernameRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  failed: '登录失败',
}
