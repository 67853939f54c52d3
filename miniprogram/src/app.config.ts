export default defineAppConfig({
  pages: ['pages/index/index'],
  // One subpackage per feature area keeps the main package under WeChat's 2 MB;
  // coupons and lottery get their own (packageCoupon, packageLottery) later.
  subPackages: [
    {
      root: 'packageMember',
      pages: ['pages/center/index', 'pages/profile/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': {
      network: 'all',
      packages: ['packageMember'],
    },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员俱乐部',
    navigationBarTextStyle: 'black',
  },
})
