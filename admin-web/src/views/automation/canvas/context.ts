import type { InjectionKey } from 'vue'
import type { NodeType } from '@/api/types'

/** What each canvas node needs from its page: its type's description, label, ports and problems. */
export interface CanvasContext {
  typeOf(type: string): NodeType | undefined
  labelOf(type: string): string
  portsOf(nodeId: string): string[]
  errorsOf(nodeId: string): string[]
}

export const CANVAS_CONTEXT: InjectionKey<CanvasContext> = Symbol('automation-canvas')
