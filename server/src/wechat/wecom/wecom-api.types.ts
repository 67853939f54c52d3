/**
 * Request and response shapes of the WeCom (企业微信) server APIs we call, named as WeCom documents
 * them (developer.work.weixin.qq.com). Only the fields we read or send are typed; WeCom may add more.
 */

// ---- message/send (应用消息) ----

export interface TextMessage {
  msgtype: 'text';
  /** at most 2048 bytes */
  text: { content: string };
}

export interface TextCardMessage {
  msgtype: 'textcard';
  textcard: { title: string; description: string; url: string; btntxt?: string };
}

/** Shown only in the WeCom client (not in WeChat plug-in). */
export interface MarkdownMessage {
  msgtype: 'markdown';
  markdown: { content: string };
}

export type AppMessageBody = TextMessage | TextCardMessage | MarkdownMessage;

/** Recipients as lists; the client joins them with "|" as WeCom wants. */
export type AppMessage = AppMessageBody & {
  touser?: string[] | '@all';
  toparty?: number[];
  totag?: number[];
  safe?: 0 | 1;
  enable_duplicate_check?: 0 | 1;
  duplicate_check_interval?: number;
};

/** What message/send reports; a partly invalid recipient list is still errcode 0. */
export interface AppMessageResult {
  msgid: string;
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
  unlicensedUsers: string[];
}

export interface MessageSendResponse {
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  msgid?: string;
  response_code?: string;
}

// ---- externalcontact (客户联系) ----

export interface ExternalContactTag {
  group_name: string;
  tag_name: string;
  tag_id?: string;
  /** 1 corp tag, 2 personal tag, 3 rule-group tag */
  type: 1 | 2 | 3;
}

export interface FollowUser {
  userid: string;
  remark: string;
  description: string;
  /** seconds */
  createtime: number;
  tags?: ExternalContactTag[];
  remark_corp_name?: string;
  remark_mobiles?: string[];
  /** 0 unknown, 1 scanned QR, 2 searched mobile, 3 shared card, … 202 assigned by admin */
  add_way: number;
  oper_userid?: string;
  /** the `state` of the 「联系我」 config or acquisition link they came through */
  state?: string;
}

export interface ExternalContact {
  external_userid: string;
  name: string;
  /** 1 WeChat user, 2 WeCom user */
  type: 1 | 2;
  avatar?: string;
  /** 0 unknown, 1 male, 2 female */
  gender?: 0 | 1 | 2;
  /** present only when the corp is bound to the brand's open-platform account */
  unionid?: string;
  position?: string;
  corp_name?: string;
}

export interface ExternalContactDetail {
  external_contact: ExternalContact;
  /** every page of follow_user merged */
  follow_user: FollowUser[];
}

export interface MarkTagRequest {
  userid: string;
  external_userid: string;
  add_tag?: string[];
  remove_tag?: string[];
}

export interface CorpTag {
  id: string;
  name: string;
  create_time: number;
  order: number;
  deleted?: boolean;
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  deleted?: boolean;
  tag: CorpTag[];
}

export interface AddCorpTagRequest {
  /** add to this group; or give group_name to create (or reuse by name) a group */
  group_id?: string;
  group_name?: string;
  order?: number;
  tag: { name: string; order?: number }[];
  agentid?: number;
}

export interface LinkAttachment {
  msgtype: 'link';
  link: { title: string; picurl?: string; desc?: string; url: string };
}

export interface MiniprogramAttachment {
  msgtype: 'miniprogram';
  miniprogram: { title: string; pic_media_id: string; appid: string; page: string };
}

export type MsgTemplateAttachment = LinkAttachment | MiniprogramAttachment;

/** 企业群发 to customers: sends nothing until the sender confirms it in the WeCom client. */
export interface AddMsgTemplateRequest {
  chat_type: 'single';
  external_userid: string[];
  sender: string;
  allow_select?: boolean;
  text?: { content: string };
  attachments?: MsgTemplateAttachment[];
}

export interface AddMsgTemplateResult {
  msgid: string;
  /** customers that cannot receive it (not a customer of the sender, invalid id) */
  fail_list: string[];
}

/** 0 not sent yet, 1 sent, 2 failed: not a customer of the sender, 3 failed: customer reached the monthly cap */
export type GroupMsgSendStatus = 0 | 1 | 2 | 3;

export interface GroupMsgSendResult {
  external_userid?: string;
  chat_id?: string;
  userid: string;
  status: GroupMsgSendStatus;
  /** seconds; present when status is 1 */
  send_time?: number;
}

// ---- directory (通讯录) ----

export interface Department {
  id: number;
  name: string;
  name_en?: string;
  /** userids of the department's leaders */
  department_leader?: string[];
  parentid: number;
  order: number;
}

export interface DirectoryUser {
  userid: string;
  name: string;
  department: number[];
  order?: number[];
  position?: string;
  /** empty for apps created after 2022-06-20 unless the employee consented */
  mobile?: string;
  gender?: string;
  email?: string;
  /** aligned with `department`: 1 = leader in that department */
  is_leader_in_dept?: number[];
  direct_leader?: string[];
  avatar?: string;
  alias?: string;
  /** 1 active, 2 disabled, 4 not activated, 5 left the corp */
  status: 1 | 2 | 4 | 5;
  main_department?: number;
}
