import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev:h5` serves the H5 build from webpack-dev-server; API calls go to a running
// SCRM server (TARO_APP_DEV_PROXY, default the server's local port).
const apiTarget = process.env.TARO_APP_DEV_PROXY ?? 'http://127.0.0.1:3000'

export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {
    devServer: {
      port: 10086,
      proxy: {
        '/api': { target: apiTarget, changeOrigin: true },
        '/sandbox': { target: apiTarget, changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>
