/**
 * Domain types derived from the generated `paths` (never from `components["schemas"]` names, which
 * change with the server's DTO class names). If the server's OpenAPI changes shape, this is the
 * one file to adjust.
 */
import type { paths } from './schema'

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete'
type Op<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never
type Responses<O> = O extends { responses: infer R } ? R : never

/** JSON body of a 200/201/202 response of an operation. */
export type ResponseOf<P extends keyof paths, M extends Method> = JsonOf<
  Responses<Op<P, M>>[Extract<keyof Responses<Op<P, M>>, 200 | 201 | 202>]
>
/** JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
/** Query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

export type AuthTokens = ResponseOf<'/api/auth/login', 'post'>
export type AdminUser = ResponseOf<'/api/auth/me', 'get'>
export type Role = AdminUser['role']

export type Store = ResponseOf<'/api/stores', 'get'>[number]
export type CreateStoreBody = BodyOf<'/api/stores', 'post'>
export type UpdateStoreBody = BodyOf<'/api/stores/{id}', 'patch'>
export type StaffUser = ResponseOf<'/api/users', 'get'>[number]
export type CreateUserBody = BodyOf<'/api/users', 'post'>
export type UpdateUserBody = BodyOf<'/api/users/{id}', 'patch'>

export type MemberQuery = QueryOf<'/api/members', 'get'>
export type ExportQuery = QueryOf<'/api/members/export.csv', 'get'>
export type MemberPage = ResponseOf<'/api/members', 'get'>
export type MemberSummary = MemberPage['items'][number]
export type MemberDetail = ResponseOf<'/api/members/{id}', 'get'>
export type MemberTag = MemberDetail['tags'][number]
export type Identity = MemberDetail['identities'][number]
export type CreateMemberBody = BodyOf<'/api/members', 'post'>
export type UpdateMemberBody = BodyOf<'/api/members/{id}', 'patch'>
export type BulkTagsBody = BodyOf<'/api/members/bulk-tags', 'post'>
export type ImportJob = ResponseOf<'/api/members/import/{jobId}', 'get'>
export type SortField = NonNullable<MemberQuery['sort']>
export type SortOrder = NonNullable<MemberQuery['order']>
export type Channel = MemberSummary['sourceChannel']
export type Stage = MemberSummary['lifecycleStage']
export type Gender = MemberSummary['gender']
export type IdentityType = Identity['type']

export type TagGroup = ResponseOf<'/api/tag-groups', 'get'>[number]
export type TagGroupBody = BodyOf<'/api/tag-groups', 'post'>
export type Tag = ResponseOf<'/api/tags', 'get'>[number]
export type TagBody = BodyOf<'/api/tags', 'post'>
export type UpdateTagBody = BodyOf<'/api/tags/{id}', 'patch'>
export type UpdateTagGroupBody = BodyOf<'/api/tag-groups/{id}', 'patch'>

export type AttributeDefinition = ResponseOf<'/api/attribute-definitions', 'get'>[number]
export type AttributeType = AttributeDefinition['type']
export type CreateAttributeBody = BodyOf<'/api/attribute-definitions', 'post'>
export type UpdateAttributeBody = BodyOf<'/api/attribute-definitions/{id}', 'patch'>

export type AuditLogPage = ResponseOf<'/api/audit-logs', 'get'>
export type AuditLog = AuditLogPage['items'][number]

/** Error body of every 4xx/5xx (see contract). */
export interface ApiErrorBody {
  statusCode: number
  error?: string
  message: string | string[]
  details?: { field: string; message: string }[]
}

export type ChannelAccount = ResponseOf<'/api/channels', 'get'>[number]
export type ChannelType = ChannelAccount['type']
export type CreateChannelBody = BodyOf<'/api/channels', 'post'>
export type UpdateChannelBody = BodyOf<'/api/channels/{id}', 'patch'>
export type ChannelTestResult = ResponseOf<'/api/channels/{id}/test', 'post'>

export type ApiKey = ResponseOf<'/api/api-keys', 'get'>[number]
export type CreatedApiKey = ResponseOf<'/api/api-keys', 'post'>
export type CreateApiKeyBody = BodyOf<'/api/api-keys', 'post'>

export type EventTypeDefinition = ResponseOf<'/api/events/types', 'get'>[number]
export type EventChannel = EventTypeDefinition['channel']
export type EventPropertyDefinition = EventTypeDefinition['properties'][number]
export type TimelineQuery = QueryOf<'/api/members/{id}/events', 'get'>
export type TimelinePage = ResponseOf<'/api/members/{id}/events', 'get'>
export type MemberEvent = TimelinePage['items'][number]

export type MpConfig = ResponseOf<'/api/mp/config', 'get'>
export type OaEmitBody = BodyOf<'/sandbox/oa/emit', 'post'>
export type OaEmitKind = OaEmitBody['kind']
export type WecomEmitBody = BodyOf<'/sandbox/wecom/emit', 'post'>
export type WecomEmitKind = WecomEmitBody['kind']
export type EmitResult = ResponseOf<'/sandbox/oa/emit', 'post'>
export type SandboxCallsQuery = QueryOf<'/sandbox/calls', 'get'>
export type SandboxCall = ResponseOf<'/sandbox/calls', 'get'>[number]
export type SandboxFault = ResponseOf<'/sandbox/faults', 'get'>[number]
export type SandboxFaultBody = BodyOf<'/sandbox/faults', 'post'>

export type MemberMerge = ResponseOf<'/api/member-merges/{id}', 'get'>
export type MergeReason = MemberMerge['reason']
export type MemberWecomStaff = ResponseOf<'/api/members/{id}/wecom-staff', 'get'>[number]

export type MiniappEmitBody = BodyOf<'/sandbox/miniapp/emit', 'post'>
export type SubscribeAnswer = MiniappEmitBody['templates'][number]
export type LoginCodeBody = BodyOf<'/sandbox/miniapp/login-code', 'post'>
export type LoginCode = ResponseOf<'/sandbox/miniapp/login-code', 'post'>
export type PhoneCodeBody = BodyOf<'/sandbox/miniapp/phone-code', 'post'>
export type PhoneCode = ResponseOf<'/sandbox/miniapp/phone-code', 'post'>
export type PayEmitBody = BodyOf<'/sandbox/pay/emit', 'post'>
export type PayEmitKind = PayEmitBody['kind']
export type SandboxAppMessage = ResponseOf<'/sandbox/wecom/messages', 'get'>[number]
export type SandboxMsgTemplate = ResponseOf<'/sandbox/wecom/msg-templates', 'get'>[number]

export type WecomSyncRun = ResponseOf<'/api/wecom/sync-runs/{id}', 'get'>
export type WecomSyncKind = WecomSyncRun['kind']
export type WecomSyncStatus = WecomSyncRun['status']
export type WecomDepartment = ResponseOf<'/api/wecom/accounts/{accountId}/departments', 'get'>[number]
export type WecomStaff = ResponseOf<'/api/wecom/accounts/{accountId}/staff', 'get'>[number]
export type WecomStaffQuery = QueryOf<'/api/wecom/accounts/{accountId}/staff', 'get'>
export type CreateStaffAccountBody = BodyOf<'/api/wecom/staff/{id}/create-account', 'post'>
export type StaffAccountRole = CreateStaffAccountBody['role']
export type StaffAccountCreated = ResponseOf<'/api/wecom/staff/{id}/create-account', 'post'>

export type AutoReply = ResponseOf<'/api/oa/auto-replies', 'get'>[number]
export type AutoReplyTrigger = AutoReply['trigger']
export type KeywordMatch = AutoReply['match']
export type SaveAutoReplyBody = BodyOf<'/api/oa/auto-replies', 'post'>
export type UpdateAutoReplyBody = BodyOf<'/api/oa/auto-replies/{id}', 'patch'>

export type TagLink = ResponseOf<'/api/tags/{id}/links', 'get'>[number]
export type CreateTagLinkBody = BodyOf<'/api/tags/{id}/links', 'post'>
export type WechatTag = ResponseOf<'/api/channels/{accountId}/wechat-tags', 'get'>[number]

export type FollowerImport = ResponseOf<'/api/oa/follower-imports/{id}', 'get'>
export type FollowerImportStatus = FollowerImport['status']

export type Segment = ResponseOf<'/api/segments', 'get'>[number]
export type SegmentType = Segment['type']
export type SegmentTrendPoint = Segment['trend'][number]
export type CreateSegmentBody = BodyOf<'/api/segments', 'post'>
export type UpdateSegmentBody = BodyOf<'/api/segments/{id}', 'patch'>
export type SegmentField = ResponseOf<'/api/segments/fields', 'get'>[number]
export type SegmentFieldType = SegmentField['type']
export type SegmentPreview = ResponseOf<'/api/segments/preview', 'post'>
export type SegmentMembersPage = ResponseOf<'/api/segments/{id}/members', 'get'>
export type SegmentJob = ResponseOf<'/api/segment-jobs/{jobId}', 'get'>
export type SegmentJobErrorsPage = ResponseOf<'/api/segment-jobs/{jobId}/errors', 'get'>
export type SegmentJobError = SegmentJobErrorsPage['items'][number]
export type RfmLayer = ResponseOf<'/api/segment-layers/rfm', 'get'>
export type RfmConfig = BodyOf<'/api/segment-layers/rfm', 'put'>
export type RfmGroupCount = RfmLayer['groups'][number]
export type LifecycleLayer = ResponseOf<'/api/segment-layers/lifecycle', 'get'>
export type LifecycleConfig = BodyOf<'/api/segment-layers/lifecycle', 'put'>
export type LifecycleStage = LifecycleConfig['stages'][number]
export type LifecycleModel = LifecycleConfig['model']

export type NodeType = ResponseOf<'/api/automation/node-types', 'get'>[number]
export type FlowSummary = ResponseOf<'/api/automation/flows', 'get'>[number]
export type FlowStatus = FlowSummary['status']
export type Flow = ResponseOf<'/api/automation/flows/{id}', 'get'>
export type FlowGraph = Flow['graph']
export type FlowGraphNode = FlowGraph['nodes'][number]
export type FlowGraphEdge = FlowGraph['edges'][number]
export type FlowVersionSummary = Flow['versions'][number]
export type FlowValidation = ResponseOf<'/api/automation/flows/{id}/validate', 'post'>
export type FlowValidationError = FlowValidation['errors'][number]
export type CreateFlowBody = BodyOf<'/api/automation/flows', 'post'>
export type UpdateFlowBody = BodyOf<'/api/automation/flows/{id}', 'patch'>
