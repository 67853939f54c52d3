import type { FlowStatus } from '@/api/types'

/** Tag colour per flow status. */
export const STATUS_TAG: Record<FlowStatus, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  draft: 'info',
  active: 'success',
  paused: 'warning',
  archived: 'info',
}
