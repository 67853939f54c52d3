export default definePageConfig({
  navigationBarTitleText: '会员俱乐部',
})
