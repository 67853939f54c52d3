/**
 * Element Plus service APIs (toasts, confirm boxes) imported explicitly, with their styles:
 * unplugin-vue-components only covers <el-*> components used in templates.
 */
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'

export { ElMessage, ElMessageBox }

/** Resolves true when the user confirms, false when they cancel or close the box. */
export async function confirmAction(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning' })
    return true
  } catch {
    return false
  }
}
