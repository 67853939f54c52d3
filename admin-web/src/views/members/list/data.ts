import type { CreateMemberBody, Gender } from '@/api/types'

export type ColumnKind = 'member' | 'text' | 'enum' | 'number' | 'store' | 'tags' | 'datetime'

export interface MemberColumn {
  prop: string
  label: string
  kind: ColumnKind
  /** i18n prefix for enum values, e.g. 'members.channel' */
  enumKey?: string
  width?: number
  minWidth?: number
  /** sorted by the server (sort=<prop>) */
  sortable?: boolean
}

export const memberColumns: MemberColumn[] = [
  { prop: 'nickname', label: 'members.columns.member', kind: 'member', minWidth: 180, sortable: true },
  { prop: 'phoneMasked', label: 'members.columns.phone', kind: 'text', width: 130 },
  { prop: 'sourceChannel', label: 'members.columns.channel', kind: 'enum', enumKey: 'members.channel', width: 110 },
  { prop: 'lifecycleStage', label: 'members.columns.stage', kind: 'enum', enumKey: 'members.stage', width: 100 },
  { prop: 'level', label: 'members.columns.level', kind: 'number', width: 70 },
  { prop: 'points', label: 'members.columns.points', kind: 'number', width: 100, sortable: true },
  { prop: 'storeId', label: 'members.columns.store', kind: 'store', width: 130 },
  { prop: 'tags', label: 'members.columns.tags', kind: 'tags', minWidth: 200 },
  { prop: 'lastSeenAt', label: 'members.columns.lastSeenAt', kind: 'datetime', width: 160, sortable: true },
  { prop: 'createdAt', label: 'members.columns.createdAt', kind: 'datetime', width: 160, sortable: true },
]

export const STAGE_TAG_TYPE: Record<string, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  prospect: 'info',
  new: 'primary',
  active: 'success',
  loyal: 'success',
  dormant: 'warning',
  churned: 'danger',
}

export const GENDERS: Gender[] = ['unknown', 'male', 'female']

/** The "New member" form: UI model and its mapping to the API body. */
export interface MemberForm {
  nickname: string
  phone: string
  gender: Gender
  birthday: string | null // YYYY-MM-DD
  province: string
  city: string
  sourceChannel: NonNullable<CreateMemberBody['sourceChannel']>
  storeId: number | null
  lifecycleStage: NonNullable<CreateMemberBody['lifecycleStage']>
  level: number
  points: number
}

export function emptyMemberForm(storeId: number | null): MemberForm {
  return {
    nickname: '',
    phone: '',
    gender: 'unknown',
    birthday: null,
    province: '',
    city: '',
    sourceChannel: 'manual',
    storeId,
    lifecycleStage: 'new',
    level: 1,
    points: 0,
  }
}

export function memberFormToBody(form: MemberForm): CreateMemberBody {
  const body: CreateMemberBody = {
    gender: form.gender,
    sourceChannel: form.sourceChannel,
    lifecycleStage: form.lifecycleStage,
    level: form.level,
    points: form.points,
  }
  if (form.nickname.trim()) body.nickname = form.nickname.trim()
  if (form.phone.trim()) body.phone = form.phone.trim()
  if (form.province.trim()) body.province = form.province.trim()
  if (form.city.trim()) body.city = form.city.trim()
  if (form.storeId !== null) body.storeId = form.storeId
  if (form.birthday) {
    const [year, month, day] = form.birthday.split('-').map(Number)
    body.birthday = { year, month, day }
  }
  return body
}

export const PHONE_PATTERN = /^1\d{10}$/
