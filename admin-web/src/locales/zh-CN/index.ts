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
import channels from './channels'
import apiKeys from './apiKeys'
import sandbox from './sandbox'
import wecomOrg from './wecomOrg'
import autoReplies from './autoReplies'
import segments from './segments'
import layers from './layers'
import segmentJobs from './segmentJobs'
import automation from './automation'

const messages = { common, auth, layout, members, import: importMessages, tags, attributes, staff, stores, audit, channels, apiKeys, sandbox, wecomOrg, autoReplies, segments, segmentJobs, layers, automation }

export type MessageSchema = typeof messages
export default messages
