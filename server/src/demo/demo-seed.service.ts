import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StoreEntity } from '../accounts/store.entity';
import { StoresService } from '../accounts/stores.service';
import { UsersService } from '../accounts/users.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { AttributesService } from '../members/attributes.service';
import { MemberEntity } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { IdentityInput } from '../members/members.dto';
import { TagsService } from '../tags/tags.service';
import { DEMO_ATTRIBUTES, DEMO_STAFF, DEMO_STORES, DEMO_TAG_GROUPS, demoMembers } from './demo-data';

export const DEMO_OA_APPID = 'wxdem0offici4lacct';
export const DEMO_WECOM_CORPID = 'wwdem0c0rp0000001';

export interface DemoSeedResult {
  members: number;
  staff: { username: string; password: string; role: string }[];
}

/** Loads the demo brand into an empty database (first boot of the embedded default, or `npm run seed:demo`). */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly stores: StoresService,
    private readonly users: UsersService,
    private readonly tags: TagsService,
    private readonly attributes: AttributesService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seeds only when there are no stores and no members yet; returns null when it did nothing. */
  async seedIfEmpty(memberCount = 300): Promise<DemoSeedResult | null> {
    const [stores, members] = await Promise.all([this.ds.getRepository(StoreEntity).count(), this.ds.getRepository(MemberEntity).count()]);
    if (stores || members) return null;
    return this.seed(memberCount);
  }

  async seed(memberCount: number): Promise<DemoSeedResult> {
    const t = Date.now();
    const storeIds = new Map<string, number>();
    for (const s of DEMO_STORES) storeIds.set(s.code, (await this.stores.create(s)).id);

    const staff: DemoSeedResult['staff'] = [];
    for (const s of DEMO_STAFF) {
      const password = randomBytes(9).toString('base64url');
      await this.users.create({ username: s.username, displayName: s.displayName, role: s.role, password, storeIds: s.store ? [storeIds.get(s.store)!] : [] });
      staff.push({ username: s.username, password, role: s.role });
    }

    const tagIds = new Map<string, number>();
    for (const g of DEMO_TAG_GROUPS) {
      const group = await this.tags.createGroup({ name: g.name, description: g.description });
      for (const [name, color] of g.tags) tagIds.set(name, (await this.tags.createTag({ name, color, groupId: group.id })).id);
    }
    for (const a of DEMO_ATTRIBUTES) await this.attributes.create(a);

    const people = demoMembers(memberCount);
    const now = Date.now();
    await this.ds.transaction(async (m) => {
      for (const p of people) {
        const identities: IdentityInput[] = [];
        if (p.mpOpenid) identities.push({ type: 'mp_openid', appId: this.config.wechat.miniappAppId, value: p.mpOpenid });
        if (p.unionid) identities.push({ type: 'unionid', value: p.unionid });
        if (p.oaOpenid) identities.push({ type: 'oa_openid', appId: DEMO_OA_APPID, value: p.oaOpenid });
        if (p.externalUserid) identities.push({ type: 'wecom_external_userid', appId: DEMO_WECOM_CORPID, value: p.externalUserid });
        const member = await this.members.insert(
          m,
          {
            nickname: p.nickname,
            gender: p.gender,
            birthday: p.birthday,
            phone: p.phone,
            province: p.province,
            city: p.city,
            lifecycleStage: p.lifecycleStage,
            level: p.level,
            points: p.points,
            storeId: p.store ? storeIds.get(p.store) : undefined,
            consent: { oa: !!p.oaOpenid, miniapp: !!p.mpOpenid, wecom: !!p.externalUserid, sms: !!p.phone },
            identities,
            attributes: p.attributes,
          },
          p.sourceChannel,
        );
        const created = new Date(now - p.createdDaysAgo * 86400_000);
        await m.getRepository(MemberEntity).update(
          { id: member.id },
          { createdAt: created, firstSeenAt: created, lastSeenAt: p.lastSeenDaysAgo == null ? null : new Date(now - p.lastSeenDaysAgo * 86400_000) },
        );
        await this.tags.addToMembers([member.id], p.tags.map((n) => tagIds.get(n)!), { source: 'import', userId: null, name: 'demo data' }, m);
      }
    });
    this.logger.log(`demo brand loaded: ${DEMO_STORES.length} stores, ${staff.length} staff, ${people.length} members in ${Date.now() - t} ms`);
    return { members: people.length, staff };
  }
}
