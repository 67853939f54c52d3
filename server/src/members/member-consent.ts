import { EntityManager, In } from 'typeorm';
import { ConsentChannel, MemberEntity } from './member.entity';
import { IdentityType, MemberIdentityEntity } from './member-identity.entity';

/** The channel an identity's consent speaks for: following an OA, using a mini-program, adding staff on WeCom, a phone for SMS. */
export const CONSENT_CHANNEL_OF: Record<IdentityType, ConsentChannel | null> = {
  oa_openid: 'oa',
  mp_openid: 'miniapp',
  wecom_external_userid: 'wecom',
  phone: 'sms',
  unionid: null,
};

export const CONSENT_COLUMN: Record<ConsentChannel, 'consentOa' | 'consentMiniapp' | 'consentWecom' | 'consentSms'> = {
  oa: 'consentOa',
  miniapp: 'consentMiniapp',
  wecom: 'consentWecom',
  sms: 'consentSms',
};

/**
 * Consent lives on the identity it was given through (this OA follow, that WeCom contact), so it
 * travels with the identity through merges and undos. The member's per-channel flag is derived:
 * granted if any of its identities on that channel says so. Channels where no identity has said
 * anything keep the flag an operator or an import set.
 */
export async function recomputeConsent(m: EntityManager, memberIds: number[]): Promise<void> {
  if (!memberIds.length) return;
  const rows = await m.getRepository(MemberIdentityEntity).find({ where: { memberId: In(memberIds) }, select: { memberId: true, type: true, consent: true } });
  for (const memberId of memberIds) {
    const patch: Partial<MemberEntity> = {};
    for (const row of rows.filter((r) => r.memberId === memberId && r.consent != null)) {
      const channel = CONSENT_CHANNEL_OF[row.type];
      if (!channel) continue;
      const col = CONSENT_COLUMN[channel];
      patch[col] = Boolean(patch[col]) || Boolean(row.consent);
    }
    if (Object.keys(patch).length) await m.getRepository(MemberEntity).update({ id: memberId }, patch);
  }
}
