// Loads Taro's Vue 3 component types, which declare the global JSX.IntrinsicElements
// (view, text, image, canvas, input, button… with mini-program props).
import type {} from '@tarojs/components/types/index.vue3'

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges Taro's tags into Vue's
  export interface GlobalComponents extends JSX.IntrinsicElements {}
}
