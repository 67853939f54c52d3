import { ApiProperty } from '@nestjs/swagger';

/** A staff member who serves (or served) a member on WeCom. */
export class MemberWecomStaffDto {
  @ApiProperty({ description: 'the WeCom channel account' }) accountId: number;
  @ApiProperty({ description: 'the member as this WeCom corp knows them' }) externalUserId: string;
  @ApiProperty({ description: "the staff member's WeCom userid" }) staffUserId: string;
  @ApiProperty({ type: String, nullable: true, description: 'from the last organisation sync' }) staffName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'wecom_staff id (PATCH /api/wecom/staff/{id})' }) staffId: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the admin user the staff member logs in as' }) adminUserId: number | null;
  @ApiProperty({ type: [Number], description: 'stores of the staff member’s departments' }) storeIds: number[];
  @ApiProperty({ type: String, nullable: true, description: '「联系我」/ acquisition-link state the customer came through' }) state: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'WeCom add_way' }) addWay: number | null;
  @ApiProperty({ type: String, nullable: true }) remark: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) addedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) removedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['staff_deleted', 'customer_deleted'] }) removedBy: 'staff_deleted' | 'customer_deleted' | null;
  @ApiProperty({ description: 'the relation still holds' }) active: boolean;
  @ApiProperty({ description: 'the first staff member who added this member' }) first: boolean;
}
