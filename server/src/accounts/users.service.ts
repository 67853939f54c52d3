import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { AdminDirectory } from '../platform/auth/auth.guard';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { BadInputError, ConflictError, NotFoundError } from '../platform/errors/app-error';
import { AdminPrincipal } from '../platform/http/request-context';
import { CreateUserDto, StaffUserDto, UpdateUserDto } from './accounts.dto';
import { AdminUserEntity, AdminUserStoreEntity, Role } from './admin-user.entity';
import { StoreEntity } from './store.entity';

const BCRYPT_ROUNDS = 10;
const STORE_ROLES: Role[] = ['store_manager', 'store_staff'];

/** Admin users: who they are, their role and the stores they work in. */
@Injectable()
export class UsersService implements AdminDirectory {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(AdminUserEntity) private readonly users: Repository<AdminUserEntity>,
    @InjectRepository(AdminUserStoreEntity) private readonly userStores: Repository<AdminUserStoreEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async findActivePrincipal(userId: number): Promise<AdminPrincipal | null> {
    const u = await this.users.findOne({ where: { id: userId, active: true } });
    if (!u) return null;
    return this.principalOf(u);
  }

  async principalOf(u: AdminUserEntity): Promise<AdminPrincipal> {
    const stores = await this.userStores.find({ where: { userId: u.id } });
    return {
      kind: 'admin',
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      storeIds: stores.map((s) => s.storeId).sort((a, b) => a - b),
    };
  }

  /** Checks a password; returns the user only when it matches and the account is active. */
  async verifyPassword(username: string, password: string): Promise<AdminUserEntity | null> {
    const u = await this.users.findOne({ where: { username } });
    // Compare against a dummy hash when the user is unknown so timing does not reveal usernames.
    const ok = await bcrypt.compare(password, u?.passwordHash ?? DUMMY_HASH);
    return ok && u?.active ? u : null;
  }

  async markLogin(userId: number) {
    await this.users.update({ id: userId }, { lastLoginAt: new Date() });
  }

  async list(viewer: AdminPrincipal): Promise<StaffUserDto[]> {
    let users = await this.users.find({ order: { id: 'ASC' } });
    const links = await this.userStores.find();
    const byUser = new Map<number, number[]>();
    for (const l of links) byUser.set(l.userId, [...(byUser.get(l.userId) ?? []), l.storeId]);
    if (viewer.role === 'store_manager') {
      // A store manager sees the staff of their own stores.
      users = users.filter((u) => (byUser.get(u.id) ?? []).some((s) => viewer.storeIds.includes(s)));
    }
    return users.map((u) => this.toDto(u, byUser.get(u.id) ?? []));
  }

  /** Users by id or username, for modules that link their own records to admin users. */
  async findUsers(by: { ids?: number[]; usernames?: string[] }): Promise<StaffUserDto[]> {
    const where = [...(by.ids?.length ? [{ id: In(by.ids) }] : []), ...(by.usernames?.length ? [{ username: In(by.usernames) }] : [])];
    if (!where.length) return [];
    const users = await this.users.find({ where, order: { id: 'ASC' } });
    const links = users.length ? await this.userStores.find({ where: { userId: In(users.map((u) => u.id)) } }) : [];
    return users.map((u) => this.toDto(u, links.filter((l) => l.userId === u.id).map((l) => l.storeId)));
  }

  async create(dto: CreateUserDto): Promise<StaffUserDto> {
    const storeIds = await this.checkStores(dto.role, dto.storeIds);
    if (await this.users.exists({ where: { username: dto.username } })) {
      throw new ConflictError('username', `username "${dto.username}" is taken`);
    }
    const passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
    const saved = await this.ds.transaction(async (m) => {
      const u = await m.getRepository(AdminUserEntity).save(
        m.getRepository(AdminUserEntity).create({ username: dto.username, displayName: dto.displayName, role: dto.role, passwordHash, active: true }),
      );
      if (storeIds.length) await m.getRepository(AdminUserStoreEntity).insert(storeIds.map((storeId) => ({ userId: u.id, storeId })));
      const out = this.toDto(u, storeIds);
      await this.audit.record({ action: 'user.create', entityType: 'admin_user', entityId: u.id, after: out }, m);
      return out;
    });
    return saved;
  }

  async update(id: number, dto: UpdateUserDto, actor: AdminPrincipal): Promise<StaffUserDto> {
    const u = await this.users.findOne({ where: { id } });
    if (!u) throw new NotFoundError('user', id);
    const currentStores = (await this.userStores.find({ where: { userId: id } })).map((s) => s.storeId);
    const role = dto.role ?? u.role;
    const storeIds = dto.storeIds !== undefined || dto.role !== undefined ? await this.checkStores(role, dto.storeIds ?? currentStores) : currentStores;
    if (id === actor.id && (dto.active === false || (dto.role && dto.role !== 'owner'))) {
      throw new BadInputError('you cannot disable yourself or give up your own owner role', [{ field: dto.active === false ? 'active' : 'role', message: 'not allowed on yourself' }]);
    }
    const before = this.toDto(u, currentStores);
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(AdminUserEntity);
      if (dto.displayName !== undefined) u.displayName = dto.displayName;
      if (dto.role !== undefined) u.role = dto.role;
      if (dto.active !== undefined) u.active = dto.active;
      if (dto.password !== undefined) u.passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
      await repo.save(u);
      await m.getRepository(AdminUserStoreEntity).delete({ userId: id });
      if (storeIds.length) await m.getRepository(AdminUserStoreEntity).insert(storeIds.map((storeId) => ({ userId: id, storeId })));
      const after = this.toDto(u, storeIds);
      await this.audit.record({ action: dto.password ? 'user.update+password' : 'user.update', entityType: 'admin_user', entityId: id, before, after }, m);
      return after;
    });
  }

  /**
   * The first owner: from ADMIN_USERNAME/ADMIN_PASSWORD, or in the embedded default a random password
   * printed once. Returns the generated password when one was made.
   */
  async ensureOwner(): Promise<{ username: string; generatedPassword?: string } | null> {
    const anyOwner = await this.users.exists({ where: { role: 'owner' } });
    if (this.config.admin) {
      const existing = await this.users.findOne({ where: { username: this.config.admin.username } });
      if (existing) return null;
      if (anyOwner) {
        this.logger.warn(`ADMIN_USERNAME ${this.config.admin.username} does not exist but an owner does; creating it as another owner`);
      }
      await this.insertOwner(this.config.admin.username, this.config.admin.password);
      return { username: this.config.admin.username };
    }
    if (anyOwner) return null;
    if (!this.config.mayGenerateOwner) {
      this.logger.warn('no owner exists: set ADMIN_USERNAME and ADMIN_PASSWORD to create one');
      return null;
    }
    const password = randomBytes(9).toString('base64url');
    await this.insertOwner('admin', password);
    return { username: 'admin', generatedPassword: password };
  }

  private async insertOwner(username: string, password: string) {
    await this.users.insert({ username, displayName: username, role: 'owner', active: true, passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS) });
  }

  private async checkStores(role: Role, storeIds: number[]): Promise<number[]> {
    const ids = [...new Set(storeIds)];
    if (STORE_ROLES.includes(role) && ids.length === 0) {
      throw new BadInputError(`a ${role} needs at least one store`, [{ field: 'storeIds', message: 'at least one store is required for store roles' }]);
    }
    if (!STORE_ROLES.includes(role)) return [];
    const found = await this.ds.getRepository(StoreEntity).count({ where: { id: In(ids) } });
    if (found !== ids.length) throw new BadInputError('unknown store in storeIds', [{ field: 'storeIds', message: 'contains a store that does not exist' }]);
    return ids;
  }

  private toDto(u: AdminUserEntity, storeIds: number[]): StaffUserDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      storeIds: [...storeIds].sort((a, b) => a - b),
      active: u.active,
      lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    };
  }
}

const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.6c8Jq7n9ZkzV0g3dQ2mAi2gQ5t0a';
