import type { NewEvent } from '../../events/events.service';
import { listValues } from '../crypto';

type Normalized = Omit<NewEvent, 'raw'>;

/**
 * Turns a decrypted WeCom push into events (a group change can name several customers, so it may be
 * several). Pure. Only customer-contact ("客户联系") pushes are tracked here.
 */
export function normalizeWecomPush(corpId: string, f: Record<string, string>): Normalized[] {
  const createTime = f.CreateTime;
  if (f.MsgType !== 'event' || !/^\d{1,12}$/.test(createTime ?? '')) return [];
  const occurredAt = new Date(Number(createTime) * 1000);
  const change = f.ChangeType ?? '';
  const base = { source: 'wecom', occurredAt };
  const contact = (type: string, extra: Record<string, string | undefined> = {}): Normalized[] => {
    if (!f.ExternalUserID) return [];
    return [{
      ...base,
      type,
      subject: { type: 'wecom_external_userid', appId: corpId, value: f.ExternalUserID },
      dedupeKey: `wecom:${corpId}:${change}:${f.UserID ?? ''}:${f.ExternalUserID}:${createTime}`,
      properties: compact({ staffUserId: f.UserID, externalUserId: f.ExternalUserID, ...extra }),
    }];
  };

  switch (f.Event) {
    case 'change_external_contact':
      switch (change) {
        case 'add_external_contact':
          return contact('wecom.contact_added', { state: f.State, welcomeCode: f.WelcomeCode });
        case 'add_half_external_contact':
          return contact('wecom.contact_added', { state: f.State, welcomeCode: f.WelcomeCode, half: 'true' });
        case 'edit_external_contact':
          return contact('wecom.contact_edited');
        case 'del_external_contact':
          return contact('wecom.contact_removed_by_staff', { source: f.Source });
        case 'del_follow_user':
          return contact('wecom.staff_removed_by_contact');
        default:
          return [];
      }
    case 'change_external_chat': {
      if (change !== 'update' || (f.UpdateDetail !== 'add_member' && f.UpdateDetail !== 'del_member')) return [];
      const joined = f.UpdateDetail === 'add_member';
      return listValues(f, 'MemChangeList')
        .filter((id) => /^wm|^wo/.test(id)) // external customers only; staff ids are plain userids
        .map((externalUserId) => ({
          ...base,
          type: joined ? 'wecom.group_joined' : 'wecom.group_left',
          subject: { type: 'wecom_external_userid', appId: corpId, value: externalUserId },
          dedupeKey: `wecom:${corpId}:chat:${f.ChatId}:${f.UpdateDetail}:${externalUserId}:${createTime}`,
          properties: joined
            ? { chatId: f.ChatId, externalUserId, joinScene: Number(f.JoinScene ?? 0) }
            : { chatId: f.ChatId, externalUserId, quitScene: Number(f.QuitScene ?? 0) },
        }));
    }
    case 'change_external_tag':
      return [{
        ...base,
        type: 'wecom.tag_changed',
        subject: null,
        dedupeKey: `wecom:${corpId}:tag:${f.Id}:${change}:${createTime}`,
        properties: compact({ tagId: f.Id, tagType: f.TagType, changeType: change }),
      }];
    default:
      return [];
  }
}

function compact(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}
