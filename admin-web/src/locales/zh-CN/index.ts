import common from './common'
import auth from './auth'
import layout from './layout'
import members from './members'
import importMessages from './import'
import tags from './tags'
import attributes from './attributes'
import staff from './staff'
import stores from './stores'
import audit from './audit'

const messages = { common, auth, layout, members, import: importMessages, tags, attributes, staff, stores, audit }

export type MessageSchema = typeof messages
export default messages
