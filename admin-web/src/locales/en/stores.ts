import type zh from '../zh-CN/stores'

export default {
  title: 'Stores',
  create: 'New store',
  edit: 'Edit store',
  name: 'Store name',
  code: 'Store code',
  city: 'City',
  address: 'Address',
  codeInvalid: 'Store codes use letters, digits, underscores and hyphens',
} satisfies typeof zh
