import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { SecretBox } from '../../platform/crypto/secret-box';
import { BadInputError, ConflictError, FieldProblem, NotFoundError } from '../../platform/errors/app-error';
import { AccessTokenService } from '../tokens/access-token.service';
import { WechatEndpoints } from '../wechat-endpoints';
import { WechatApiError } from '../wechat-http';
import { ChannelAccountEntity, ChannelType } from './channel-account.entity';
import { ChannelDto, ChannelTestResultDto, CreateChannelDto, UpdateChannelDto } from './channels.dto';

/** The secrets of an account in clear, for the code that verifies callbacks and calls WeChat. */
export interface ChannelSecrets {
  account: ChannelAccountEntity;
  secret: string | null;
  token: string | null;
  encodingAesKey: string | null;
  apiV3Key: string | null;
  privateKey: string | null;
}

const SEALED = {
  secret: 'secretSealed',
  token: 'tokenSealed',
  encodingAesKey: 'aesKeySealed',
  apiV3Key: 'apiV3KeySealed',
  privateKey: 'privateKeySealed',
} as const;

const REQUIRED: Record<ChannelType, (keyof CreateChannelDto)[]> = {
  oa: ['appId', 'secret', 'token'],
  miniapp: ['appId', 'secret'],
  wecom: ['corpId', 'agentId', 'secret', 'token', 'encodingAesKey'],
  pay: ['mchId', 'apiV3Key', 'privateKey', 'certSerialNo'],
};

const CALLBACK_PATH: Record<ChannelType, (id: string) => string> = {
  oa: (id) => `/wechat/oa/${id}/callback`,
  miniapp: (id) => `/wechat/miniapp/${id}/callback`,
  wecom: (id) => `/wechat/wecom/${id}/callback`,
  pay: (id) => `/wechat/pay/${id}/notify`,
};

/**
 * How long an account's opened secrets are reused: every callback needs them, and reading and
 * unsealing them each time costs a round trip and three decryptions. Changes made through this
 * process apply at once; other processes see them within this time.
 */
const SECRETS_CACHE_MS = 5000;

/** Channel accounts: OA, mini-program, WeCom and Pay, with their secrets sealed at rest. */
@Injectable()
export class ChannelsService {
  private readonly opened = new Map<string, { at: number; value: ChannelSecrets | null }>();
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly endpoints: WechatEndpoints,
    private readonly tokens: AccessTokenService,
  ) {}

  async list(): Promise<ChannelDto[]> {
    return (await this.ds.getRepository(ChannelAccountEntity).find({ order: { id: 'ASC' } })).map((a) => this.toDto(a));
  }

  async get(id: number): Promise<ChannelDto> {
    return this.toDto(await this.load(id));
  }

  async create(dto: CreateChannelDto): Promise<ChannelDto> {
    const problems: FieldProblem[] = REQUIRED[dto.type].filter((k) => dto[k] === undefined || dto[k] === '').map((k) => ({ field: k, message: `required for a ${dto.type} account` }));
    problems.push(...checkKeys(dto));
    if (problems.length) throw new BadInputError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    const externalId = (dto.type === 'wecom' ? dto.corpId : dto.type === 'pay' ? dto.mchId : dto.appId)!;
    const repo = this.ds.getRepository(ChannelAccountEntity);
    if (await repo.exists({ where: { type: dto.type, externalId } })) {
      throw new ConflictError(dto.type === 'wecom' ? 'corpId' : dto.type === 'pay' ? 'mchId' : 'appId', `a ${dto.type} account ${externalId} already exists`);
    }
    const row = repo.create({
      type: dto.type,
      name: dto.name,
      externalId,
      agentId: dto.agentId ?? null,
      certSerialNo: dto.certSerialNo ?? null,
      platformPublicKey: dto.platformPublicKey ?? null,
      platformSerialNo: dto.platformSerialNo ?? null,
      enabled: true,
      ...this.sealAll(dto),
    });
    return this.ds.transaction(async (m) => {
      await m.getRepository(ChannelAccountEntity).save(row);
      this.opened.clear();
      await this.audit.record({ action: 'channel.create', entityType: 'channel_account', entityId: row.id, after: this.toDto(row) }, m);
      return this.toDto(row);
    });
  }

  async update(id: number, dto: UpdateChannelDto): Promise<ChannelDto> {
    const row = await this.load(id);
    const problems = checkKeys(dto);
    if (problems.length) throw new BadInputError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    const before = this.toDto(row);
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.enabled !== undefined) row.enabled = dto.enabled;
    if (dto.agentId !== undefined) row.agentId = dto.agentId;
    if (dto.certSerialNo !== undefined) row.certSerialNo = dto.certSerialNo;
    if (dto.platformPublicKey !== undefined) row.platformPublicKey = dto.platformPublicKey;
    if (dto.platformSerialNo !== undefined) row.platformSerialNo = dto.platformSerialNo;
    Object.assign(row, this.sealAll(dto));
    return this.ds.transaction(async (m) => {
      await m.getRepository(ChannelAccountEntity).save(row);
      this.opened.clear();
      if (dto.secret !== undefined) await this.tokens.invalidate(id);
      const changedSecrets = Object.keys(SEALED).filter((k) => dto[k as keyof UpdateChannelDto] !== undefined);
      await this.audit.record({ action: 'channel.update', entityType: 'channel_account', entityId: id, before, after: { ...this.toDto(row), changedSecrets } }, m);
      return this.toDto(row);
    });
  }

  /** "Test connection": fetch an access token (OA, mini-program, WeCom) or check the keys (Pay). */
  async test(id: number): Promise<ChannelTestResultDto> {
    const s = await this.secrets(id);
    let result: ChannelTestResultDto;
    if (s.account.type === 'pay') {
      const problems = checkKeys({ privateKey: s.privateKey ?? undefined, platformPublicKey: s.account.platformPublicKey ?? undefined });
      result = problems.length ? { ok: false, message: problems.map((p) => `${p.field} ${p.message}`).join('; ') } : { ok: true, message: 'merchant private key and platform key are readable' };
    } else {
      try {
        const base = s.account.type === 'wecom' ? this.endpoints.wecom : this.endpoints.mp;
        const t = await this.tokens.refresh({ accountId: s.account.id, type: s.account.type, externalId: s.account.externalId, secret: s.secret ?? '' }, base);
        result = { ok: true, message: 'access token fetched', expiresIn: Math.round((t.expiresAt.getTime() - Date.now()) / 1000) };
      } catch (e) {
        if (!(e instanceof WechatApiError)) throw e;
        result = { ok: false, message: `${e.errcode} ${e.errmsg}` };
      }
    }
    await this.ds.getRepository(ChannelAccountEntity).update({ id }, { lastTestedAt: new Date(), lastTestResult: (result.ok ? 'ok: ' : 'failed: ') + result.message.slice(0, 200) });
    return result;
  }

  /** For callback verification and API clients; null when no such enabled account exists. */
  async findByExternalId(type: ChannelType, externalId: string): Promise<ChannelSecrets | null> {
    const key = `${type}:${externalId}`;
    const hit = this.opened.get(key);
    if (hit && Date.now() - hit.at < SECRETS_CACHE_MS) return hit.value;
    const row = await this.ds.getRepository(ChannelAccountEntity).findOne({ where: { type, externalId, enabled: true } });
    const value = row ? this.open(row) : null;
    this.opened.set(key, { at: Date.now(), value });
    return value;
  }

  async secrets(id: number): Promise<ChannelSecrets> {
    return this.open(await this.load(id));
  }

  private open(row: ChannelAccountEntity): ChannelSecrets {
    const un = (v: string | null) => (v ? this.box.decrypt(v) : null);
    return {
      account: row,
      secret: un(row.secretSealed),
      token: un(row.tokenSealed),
      encodingAesKey: un(row.aesKeySealed),
      apiV3Key: un(row.apiV3KeySealed),
      privateKey: un(row.privateKeySealed),
    };
  }

  private async load(id: number): Promise<ChannelAccountEntity> {
    const row = await this.ds.getRepository(ChannelAccountEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('channel account', id);
    return row;
  }

  private sealAll(dto: Partial<Record<keyof typeof SEALED, string>>): Partial<ChannelAccountEntity> {
    const out: Partial<ChannelAccountEntity> = {};
    for (const [k, col] of Object.entries(SEALED) as [keyof typeof SEALED, (typeof SEALED)[keyof typeof SEALED]][]) {
      const v = dto[k];
      if (v !== undefined && v !== '') out[col] = this.box.encrypt(v);
    }
    return out;
  }

  private toDto(a: ChannelAccountEntity): ChannelDto {
    const hint = (sealed: string | null) => {
      if (!sealed) return { set: false, hint: null };
      const plain = this.box.decrypt(sealed);
      return { set: true, hint: plain.length > 12 ? `****${plain.slice(-4)}` : '****' };
    };
    return {
      id: a.id,
      type: a.type,
      name: a.name,
      appId: a.type === 'oa' || a.type === 'miniapp' ? a.externalId : null,
      corpId: a.type === 'wecom' ? a.externalId : null,
      agentId: a.agentId,
      mchId: a.type === 'pay' ? a.externalId : null,
      enabled: a.enabled,
      callbackUrl: this.endpoints.publicUrl + CALLBACK_PATH[a.type](a.externalId),
      secrets: Object.fromEntries(Object.entries(SEALED).map(([k, col]) => [k, hint(a[col])])),
      lastTestedAt: a.lastTestedAt ? new Date(a.lastTestedAt).toISOString() : null,
      lastTestResult: a.lastTestResult,
    };
  }
}

function checkKeys(dto: { privateKey?: string; platformPublicKey?: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (dto.privateKey) {
    try {
      createPrivateKey(dto.privateKey);
    } catch {
      problems.push({ field: 'privateKey', message: 'is not a readable PEM private key' });
    }
  }
  if (dto.platformPublicKey) {
    try {
      createPublicKey(dto.platformPublicKey);
    } catch {
      problems.push({ field: 'platformPublicKey', message: 'is not a readable PEM public key or certificate' });
    }
  }
  return problems;
}
