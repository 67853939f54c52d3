/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Node's own; changes the build output */
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Mini-program AppID written into dist/weapp/project.config.json (optional) */
    TARO_APP_ID?: string
    /** SCRM API origin; '' = same origin (H5 served by the server) */
    TARO_APP_API_BASE?: string
    /** API origin for the weapp build when TARO_APP_API_BASE is empty */
    TARO_APP_WEAPP_API_BASE?: string
  }
}

declare module '@tarojs/components' {
  export * from '@tarojs/components/types/index.vue3'
}
