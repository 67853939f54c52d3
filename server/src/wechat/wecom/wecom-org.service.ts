import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StoreDto } from '../../accounts/accounts.dto';
import { StoresService } from '../../accounts/stores.service';
import { UsersService } from '../../accounts/users.service';
import { AuditService } from '../../platform/audit/audit.service';
import { AppError, BadInputError, ConflictError, NotFoundError } from '../../platform/errors/app-error';
import { isoOrNull } from '../../platform/time/time';
import { ChannelsService } from '../channels/channels.service';
import { CreateStaffAccountDto, StaffAccountCreatedDto, StaffQuery, WecomDepartmentDto, WecomStaffDto } from './wecom-org.dto';
import { WecomDepartmentEntity, WecomStaffEntity } from './wecom-org.entity';
import { storeCodeFor, usernameFor } from './wecom-org-mapping';
import { wecomAccount } from './wecom-org-sync.service';

/** The synced WeCom organisation as operators see it, and how its departments and staff map to ours. */
@Injectable()
export class WecomOrgService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly channels: ChannelsService,
    private readonly stores: StoresService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async departments(accountId: number): Promise<WecomDepartmentDto[]> {
    await wecomAccount(this.channels, accountId);
    const rows = await this.ds.getRepository(WecomDepartmentEntity).find({ where: { accountId }, order: { deptId: 'ASC' } });
    const staff = await this.ds.getRepository(WecomStaffEntity).find({ where: { accountId } });
    const storeNames = new Map((await this.stores.all()).map((s) => [s.id, s.name]));
    return rows.map((d) => departmentDto(d, storeNames, staff.filter((s) => !s.removedAt && s.departmentIds.includes(d.deptId)).length));
  }

  async mapDepartment(id: number, storeId: number | null): Promise<WecomDepartmentDto> {
    const row = await this.department(id);
    if (storeId !== null && !(await this.stores.exists(storeId))) throw new BadInputError(`no store ${storeId}`, [{ field: 'storeId', message: 'no such store' }]);
    const before = { storeId: row.storeId, by: row.storeMappedBy };
    await this.ds.transaction(async (m) => {
      await m.getRepository(WecomDepartmentEntity).update({ id }, { storeId, storeMappedBy: 'manual' });
      await this.audit.record({ action: 'wecom.department.map_store', entityType: 'wecom_department', entityId: id, before, after: { storeId, by: 'manual' } }, m);
    });
    return this.departmentById(id);
  }

  /** Creates a store named after the department and maps the department to it. */
  async createStoreFor(id: number): Promise<WecomDepartmentDto> {
    const row = await this.department(id);
    if (row.storeId) throw new ConflictError('storeId', `department ${row.name} is already mapped to store ${row.storeId}`);
    let store: StoreDto | undefined;
    for (let attempt = 0; !store; attempt++) {
      try {
        store = await this.stores.create({ name: row.name, code: storeCodeFor(row.accountId, row.deptId, attempt) });
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 5) throw e;
      }
    }
    await this.ds.transaction(async (m) => {
      await m.getRepository(WecomDepartmentEntity).update({ id }, { storeId: store!.id, storeMappedBy: 'manual' });
      await this.audit.record({ action: 'wecom.department.map_store', entityType: 'wecom_department', entityId: id, before: { storeId: null }, after: { storeId: store!.id, by: 'manual', createdStore: true } }, m);
    });
    return this.departmentById(id);
  }

  async staff(accountId: number, q: StaffQuery): Promise<WecomStaffDto[]> {
    await wecomAccount(this.channels, accountId);
    let rows = await this.ds.getRepository(WecomStaffEntity).find({ where: { accountId }, order: { userid: 'ASC' } });
    if (q.departmentId !== undefined) rows = rows.filter((s) => s.departmentIds.includes(q.departmentId!));
    if (q.mapped !== undefined) rows = rows.filter((s) => (s.adminUserId !== null) === q.mapped);
    return this.staffDtos(accountId, rows);
  }

  async mapStaff(id: number, adminUserId: number | null): Promise<WecomStaffDto> {
    const row = await this.staffRow(id);
    if (adminUserId !== null) {
      const [user] = await this.users.findUsers({ ids: [adminUserId] });
      if (!user) throw new BadInputError(`no admin user ${adminUserId}`, [{ field: 'adminUserId', message: 'no such user' }]);
      const other = await this.ds.getRepository(WecomStaffEntity).findOne({ where: { accountId: row.accountId, adminUserId } });
      if (other && other.id !== id) throw new ConflictError('adminUserId', `admin user ${user.username} is already linked to WeCom member ${other.userid}`);
    }
    const before = { adminUserId: row.adminUserId, by: row.adminUserMappedBy };
    await this.ds.transaction(async (m) => {
      await m.getRepository(WecomStaffEntity).update({ id }, { adminUserId, adminUserMappedBy: 'manual' });
      await this.audit.record({ action: 'wecom.staff.map_user', entityType: 'wecom_staff', entityId: id, before, after: { adminUserId, by: 'manual' } }, m);
    });
    return (await this.staffDtos(row.accountId, [await this.staffRow(id)]))[0];
  }

  /** An admin account for a WeCom member, in the stores their departments map to; the password is shown once. */
  async createAccount(id: number, dto: CreateStaffAccountDto): Promise<StaffAccountCreatedDto> {
    const row = await this.staffRow(id);
    if (row.adminUserId) throw new ConflictError('adminUserId', `WeCom member ${row.userid} already has admin user ${row.adminUserId}`);
    if (row.removedAt) throw new BadInputError(`WeCom member ${row.userid} is no longer in WeCom`, [{ field: 'id', message: 'removed from WeCom' }]);
    const storeIds = await this.storesOf(row.accountId, row.departmentIds);
    if (!storeIds.length) {
      throw new BadInputError(`map one of ${row.name}'s departments to a store first`, [{ field: 'storeIds', message: 'none of the member’s departments is mapped to a store' }]);
    }
    const initialPassword = randomBytes(12).toString('base64url');
    const account = await this.users
      .create({ username: usernameFor(row.userid), password: initialPassword, displayName: row.name, role: dto.role, storeIds })
      .catch((e: unknown) => {
        if (e instanceof AppError && e.status === 409) throw new ConflictError('username', `${(e as Error).message}; link that user with PATCH /api/wecom/staff/${id} instead`);
        throw e;
      });
    await this.ds.transaction(async (m) => {
      await m.getRepository(WecomStaffEntity).update({ id }, { adminUserId: account.id, adminUserMappedBy: 'manual' });
      await this.audit.record({ action: 'wecom.staff.map_user', entityType: 'wecom_staff', entityId: id, before: { adminUserId: null }, after: { adminUserId: account.id, by: 'manual', createdAccount: true } }, m);
    });
    const staff = (await this.staffDtos(row.accountId, [await this.staffRow(id)]))[0];
    return { staff, account, initialPassword };
  }

  /** Stores mapped to these WeCom departments (departments still in WeCom). */
  async storesOf(accountId: number, deptIds: number[]): Promise<number[]> {
    if (!deptIds.length) return [];
    const depts = await this.ds.getRepository(WecomDepartmentEntity).find({ where: { accountId } });
    const ids = depts.filter((d) => deptIds.includes(d.deptId) && d.storeId && !d.removedAt).map((d) => d.storeId!);
    return [...new Set(ids)].sort((a, b) => a - b);
  }

  private async staffDtos(accountId: number, rows: WecomStaffEntity[]): Promise<WecomStaffDto[]> {
    const depts = await this.ds.getRepository(WecomDepartmentEntity).find({ where: { accountId } });
    const storeOf = new Map(depts.filter((d) => d.storeId && !d.removedAt).map((d) => [d.deptId, d.storeId!]));
    const ids = rows.map((r) => r.adminUserId).filter((x): x is number => x !== null);
    const usernames = new Map((await this.users.findUsers({ ids })).map((u) => [u.id, u.username]));
    return rows.map((s) => ({
      id: s.id,
      accountId: s.accountId,
      userid: s.userid,
      name: s.name,
      position: s.position,
      mobileMasked: s.mobileMasked,
      departmentIds: s.departmentIds,
      leaderDepartmentIds: s.leaderDepartmentIds,
      status: s.status,
      adminUserId: s.adminUserId,
      adminUsername: s.adminUserId ? (usernames.get(s.adminUserId) ?? null) : null,
      adminUserMappedBy: s.adminUserId ? s.adminUserMappedBy : null,
      storeIds: [...new Set(s.departmentIds.map((d) => storeOf.get(d)).filter((x): x is number => !!x))].sort((a, b) => a - b),
      syncedAt: isoOrNull(s.syncedAt) ?? '',
      removedAt: isoOrNull(s.removedAt),
    }));
  }

  private async departmentById(id: number): Promise<WecomDepartmentDto> {
    const row = await this.department(id);
    return (await this.departments(row.accountId)).find((d) => d.id === id)!;
  }

  private async department(id: number): Promise<WecomDepartmentEntity> {
    const row = await this.ds.getRepository(WecomDepartmentEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('WeCom department', id);
    return row;
  }

  private async staffRow(id: number): Promise<WecomStaffEntity> {
    const row = await this.ds.getRepository(WecomStaffEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('WeCom member', id);
    return row;
  }
}

function departmentDto(d: WecomDepartmentEntity, storeNames: Map<number, string>, staffCount: number): WecomDepartmentDto {
  return {
    id: d.id,
    accountId: d.accountId,
    deptId: d.deptId,
    parentId: d.parentId,
    name: d.name,
    order: d.order,
    storeId: d.storeId,
    storeName: d.storeId ? (storeNames.get(d.storeId) ?? null) : null,
    storeMappedBy: d.storeId ? d.storeMappedBy : null,
    staffCount,
    syncedAt: isoOrNull(d.syncedAt) ?? '',
    removedAt: isoOrNull(d.removedAt),
  };
}
