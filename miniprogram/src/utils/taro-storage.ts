import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './storage'

/** Taro storage: wx storage in weapp, localStorage (as {"data": …}) in H5. */
export const taroStorage: KeyValueStorage = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key)
      return typeof v === 'string' && v !== '' ? v : null
    } catch {
      return null
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch {
      // Storage full or denied: the session then lives only in memory.
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // ignore
    }
  },
}
