import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { BadInputError, NotFoundError } from '../../platform/errors/app-error';
import { isoOrNull } from '../../platform/time/time';
import { ChannelAccountEntity } from '../channels/channel-account.entity';
import { pickReply } from './oa-auto-reply-match';
import { AutoReplyDto, SaveAutoReplyDto, UpdateAutoReplyDto } from './oa-auto-reply.dto';
import { OaAutoReplyEntity } from './oa-auto-reply.entity';

/** Rules are read on every push; other processes see a change within this time. */
const RULES_CACHE_MS = 5000;

/** The OA's immediate replies: rules operators keep, and the pick made for each push. */
@Injectable()
export class OaAutoReplyService {
  private cached: { at: number; rules: OaAutoReplyEntity[] } | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The reply text for this push, or null to answer "success" (no reply). */
  async replyFor(accountId: number, fields: Record<string, string | undefined>): Promise<string | null> {
    if (!this.cached || Date.now() - this.cached.at > RULES_CACHE_MS) {
      this.cached = { at: Date.now(), rules: await this.ds.getRepository(OaAutoReplyEntity).find({ where: { enabled: true } }) };
    }
    return pickReply(this.cached.rules, accountId, fields);
  }

  async list(): Promise<AutoReplyDto[]> {
    return (await this.ds.getRepository(OaAutoReplyEntity).find({ order: { id: 'ASC' } })).map(toDto);
  }

  async create(dto: SaveAutoReplyDto): Promise<AutoReplyDto> {
    await this.check(dto);
    const row = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(OaAutoReplyEntity).save(
        m.getRepository(OaAutoReplyEntity).create({
          accountId: dto.accountId ?? null,
          trigger: dto.trigger,
          keyword: dto.trigger === 'keyword' ? dto.keyword!.trim() : null,
          match: dto.match ?? 'exact',
          reply: dto.reply,
          enabled: dto.enabled ?? true,
        }),
      );
      await this.audit.record({ action: 'oa.auto_reply.create', entityType: 'oa_auto_reply', entityId: saved.id, after: toDto(saved) }, m);
      return saved;
    });
    this.cached = null;
    return toDto(row);
  }

  async update(id: number, dto: UpdateAutoReplyDto): Promise<AutoReplyDto> {
    const repo = this.ds.getRepository(OaAutoReplyEntity);
    const row = await repo.findOne({ where: { id } });
    if (!row) throw new NotFoundError('auto reply', id);
    const before = toDto(row);
    const next = { accountId: row.accountId, trigger: row.trigger, keyword: row.keyword ?? undefined, match: row.match, reply: row.reply, enabled: row.enabled, ...dto };
    await this.check(next);
    Object.assign(row, { ...next, accountId: next.accountId ?? null, keyword: next.trigger === 'keyword' ? next.keyword!.trim() : null });
    await this.ds.transaction(async (m) => {
      await m.getRepository(OaAutoReplyEntity).save(row);
      await this.audit.record({ action: 'oa.auto_reply.update', entityType: 'oa_auto_reply', entityId: id, before, after: toDto(row) }, m);
    });
    this.cached = null;
    return toDto(row);
  }

  async remove(id: number): Promise<void> {
    const row = await this.ds.getRepository(OaAutoReplyEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('auto reply', id);
    await this.ds.transaction(async (m) => {
      await m.getRepository(OaAutoReplyEntity).delete({ id });
      await this.audit.record({ action: 'oa.auto_reply.delete', entityType: 'oa_auto_reply', entityId: id, before: toDto(row) }, m);
    });
    this.cached = null;
  }

  private async check(dto: SaveAutoReplyDto): Promise<void> {
    if (dto.trigger === 'keyword' && !dto.keyword?.trim()) throw new BadInputError('keyword is required for a keyword rule', [{ field: 'keyword', message: 'required for keyword rules' }]);
    if (dto.accountId != null) {
      const account = await this.ds.getRepository(ChannelAccountEntity).findOne({ where: { id: dto.accountId } });
      if (!account || account.type !== 'oa') throw new BadInputError(`account ${dto.accountId} is not an Official Account`, [{ field: 'accountId', message: 'not an OA account' }]);
    }
  }
}

function toDto(r: OaAutoReplyEntity): AutoReplyDto {
  return { id: r.id, accountId: r.accountId, trigger: r.trigger, keyword: r.keyword, match: r.match, reply: r.reply, enabled: !!r.enabled, updatedAt: isoOrNull(r.updatedAt) ?? '' };
}
