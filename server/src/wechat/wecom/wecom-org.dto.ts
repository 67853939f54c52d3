import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Min, ValidateIf } from 'class-validator';
import { StaffUserDto } from '../../accounts/accounts.dto';
import { SYNC_KINDS, SYNC_STATUSES, SyncKind, SyncStatus } from './wecom-org.entity';

export class SyncProblemDto {
  @ApiProperty({ description: 'department id, userid or external_userid it is about' }) ref: string;
  @ApiProperty() message: string;
}

export class SyncRunDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'the WeCom channel account' }) accountId: number;
  @ApiProperty({ enum: SYNC_KINDS }) kind: SyncKind;
  @ApiProperty({ enum: SYNC_STATUSES }) status: SyncStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty() total: number;
  @ApiProperty() processed: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'departments/staff no longer in WeCom, or relations that ended' }) removed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [SyncProblemDto], description: 'the first problems (failed counts them all)' }) errors: SyncProblemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'why the whole run stopped, if it did' }) failure: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SyncStartedDto {
  @ApiProperty({ type: SyncRunDto, description: 'poll GET /api/wecom/sync-runs/{id}' }) run: SyncRunDto;
}

export class WecomDepartmentDto {
  @ApiProperty() id: number;
  @ApiProperty() accountId: number;
  @ApiProperty({ description: "WeCom's department id" }) deptId: number;
  @ApiProperty() parentId: number;
  @ApiProperty() name: string;
  @ApiProperty() order: number;
  @ApiProperty({ type: Number, nullable: true }) storeId: number | null;
  @ApiProperty({ type: String, nullable: true }) storeName: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['auto', 'manual'], description: 'auto = same name as the store' }) storeMappedBy: 'auto' | 'manual' | null;
  @ApiProperty({ description: 'staff currently in the department' }) staffCount: number;
  @ApiProperty({ format: 'date-time' }) syncedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'no longer in WeCom' }) removedAt: string | null;
}

export class WecomStaffDto {
  @ApiProperty() id: number;
  @ApiProperty() accountId: number;
  @ApiProperty({ description: 'WeCom userid' }) userid: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ type: String, nullable: true, example: '138****8001' }) mobileMasked: string | null;
  @ApiProperty({ type: [Number], description: 'WeCom department ids' }) departmentIds: number[];
  @ApiProperty({ type: [Number], description: 'the departments this member leads' }) leaderDepartmentIds: number[];
  @ApiProperty({ description: 'WeCom status: 1 active, 2 disabled, 4 not activated, 5 left' }) status: number;
  @ApiProperty({ type: Number, nullable: true }) adminUserId: number | null;
  @ApiProperty({ type: String, nullable: true }) adminUsername: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['auto', 'manual'], description: 'auto = username equals the userid' }) adminUserMappedBy: 'auto' | 'manual' | null;
  @ApiProperty({ type: [Number], description: 'stores mapped to the member’s departments' }) storeIds: number[];
  @ApiProperty({ format: 'date-time' }) syncedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'no longer in WeCom' }) removedAt: string | null;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class StaffQuery {
  @ApiPropertyOptional({ description: 'WeCom department id (direct members)' }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) departmentId?: number;
  @ApiPropertyOptional({ description: 'true: linked to an admin user; false: not yet' }) @IsOptional() @Transform(toBool) @IsBoolean() mapped?: boolean;
}

export class MapDepartmentDto {
  @ApiProperty({ type: Number, nullable: true, description: 'the store this department is; null to unmap' })
  @ValidateIf((_, v) => v !== null) @IsInt() @Min(1)
  storeId: number | null;
}

export class MapStaffDto {
  @ApiProperty({ type: Number, nullable: true, description: 'the admin user this member logs in as; null to unmap' })
  @ValidateIf((_, v) => v !== null) @IsInt() @Min(1)
  adminUserId: number | null;
}

export const STAFF_ACCOUNT_ROLES = ['store_manager', 'store_staff'] as const;

export class CreateStaffAccountDto {
  @ApiProperty({ enum: STAFF_ACCOUNT_ROLES }) @IsIn(STAFF_ACCOUNT_ROLES) role: (typeof STAFF_ACCOUNT_ROLES)[number];
}

export class StaffAccountCreatedDto {
  @ApiProperty({ type: WecomStaffDto }) staff: WecomStaffDto;
  @ApiProperty({ type: StaffUserDto }) account: StaffUserDto;
  @ApiProperty({ description: 'shown once; the member should change it at first login' }) initialPassword: string;
}
