import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Written by hand from @tarojs/cli/templates/default (`taro init` is interactive only).
// https://docs.taro.zone/docs/config
/**
 * Build-time settings read from the shell (a `.env` file with TARO_APP_* keys would also be
 * read by Taro and win, but .env is git-ignored in this repo, so defaults live here).
 * - TARO_APP_API_BASE: SCRM API origin; '' = same origin (the server serves the H5 build at /h5).
 * - TARO_APP_WEAPP_API_BASE: origin for the weapp build when TARO_APP_API_BASE is empty
 *   (wx.request needs an absolute host: a registered https domain in production; WeChat
 *   DevTools with "urlCheck" off accepts this local one).
 */
const buildEnv = {
  TARO_APP_API_BASE: process.env.TARO_APP_API_BASE ?? '',
  TARO_APP_WEAPP_API_BASE: process.env.TARO_APP_WEAPP_API_BASE ?? 'http://127.0.0.1:3000',
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'scrm-miniprogram',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp and dist/h5 side by side; the server serves dist/h5 at /h5.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    env: Object.fromEntries(Object.entries(buildEnv).map(([k, v]) => [k, JSON.stringify(v)])),
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'vue3',
    compiler: {
      type: 'webpack5',
      // Dependency prebundling (watch mode only) passes enhanced-resolve a string `roots`,
      // which enhanced-resolve 5.27 rejects ("options.roots.map is not a function").
      prebundle: { enable: false },
    },
    cache: {
      enable: false,
    },
    mini: {
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      // Hash routes: the server serves /h5 statically with an index.html fallback,
      // and a hash route never reaches it.
      router: {
        mode: 'hash',
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Taro's H5 runtime and components are large by nature; webpack's 244 KiB hint is noise here.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
