import type zh from '../zh-CN/attributes'

export default {
  title: 'Custom attributes',
  create: 'New attribute',
  edit: 'Edit attribute',
  key: 'Key',
  keyHint: 'Lower-case letters, digits and underscores, starting with a letter; cannot be changed later',
  keyInvalid: 'Invalid key',
  label: 'Label',
  type: 'Type',
  options: 'Options',
  optionsHint: 'Type and press Enter to add',
  optionsRequired: 'An enum needs at least one option',
  empty: 'No custom attributes are defined',
  types: {
    string: 'Text',
    number: 'Number',
    boolean: 'Yes/No',
    date: 'Date',
    enum: 'Enum',
  },
} satisfies typeof zh
