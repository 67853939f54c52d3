import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const CORP_ID = /^ww[0-9a-zA-Z]{14,30}$/;
const USERID = /^[A-Za-z0-9_.@-]{1,64}$/;
const EXTERNAL_USERID = /^[A-Za-z0-9_-]{6,64}$/;

export class CorpQuery {
  @ApiProperty({ example: 'ww0a0b0c0d0e0f0a0b' }) @Matches(CORP_ID, { message: 'corpId must look like ww followed by letters and digits' }) corpId: string;
}

export class MessagesQuery extends CorpQuery {
  @ApiPropertyOptional({ description: 'only what this staff member received' }) @IsOptional() @Matches(USERID, { message: 'userId must be 1-64 letters, digits, _ . @ or -' }) userId?: string;
}

export class SandboxDepartmentInput {
  @ApiProperty({ example: 4 }) @IsInt() @Min(1) @Max(4_294_967) id: number;
  @ApiProperty({ example: '杭州湖滨店' }) @IsString() @MinLength(1) @MaxLength(64) name: string;
  @ApiProperty({ example: 1, description: 'parent department (1 is the root)' }) @IsInt() @Min(0) parentId: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) order?: number;
}

export class SandboxUserInput {
  @ApiProperty({ example: 'zhao_lei' }) @Matches(USERID, { message: 'userid must be 1-64 letters, digits, _ . @ or -' }) userid: string;
  @ApiProperty({ example: '赵磊' }) @IsString() @MinLength(1) @MaxLength(64) name: string;
  @ApiProperty({ type: [Number], example: [4] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsInt({ each: true }) departments: number[];
  @ApiPropertyOptional({ example: '导购' }) @IsOptional() @IsString() @MaxLength(128) position?: string;
  @ApiPropertyOptional({ example: '13800138009' }) @IsOptional() @Matches(/^1\d{10}$/, { message: 'mobile must be 11 digits starting with 1' }) mobile?: string;
  @ApiPropertyOptional({ type: [Number], description: 'departments this user leads' }) @IsOptional() @IsArray() @IsInt({ each: true }) leaderOf?: number[];
  @ApiPropertyOptional({ enum: [1, 2, 4, 5], description: '1 active, 2 disabled, 4 not activated, 5 left' }) @IsOptional() @IsIn([1, 2, 4, 5]) status?: 1 | 2 | 4 | 5;
}

export class SandboxDirectoryChangeDto extends CorpQuery {
  @ApiPropertyOptional({ type: [SandboxDepartmentInput], description: 'added, or replaced by id' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => SandboxDepartmentInput)
  departments?: SandboxDepartmentInput[];
  @ApiPropertyOptional({ type: [SandboxUserInput], description: 'added, or replaced by userid' })
  @IsOptional() @IsArray() @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => SandboxUserInput)
  users?: SandboxUserInput[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @Matches(USERID, { each: true }) removeUserIds?: string[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) removeDepartmentIds?: number[];
}

export class SandboxDepartmentDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() parentid: number;
  @ApiProperty() order: number;
  @ApiProperty({ type: [String] }) department_leader: string[];
}

export class SandboxUserDto {
  @ApiProperty() userid: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [Number] }) department: number[];
  @ApiProperty({ type: [Number] }) is_leader_in_dept: number[];
  @ApiProperty() position: string;
  @ApiProperty() mobile: string;
  @ApiProperty({ enum: [1, 2, 4, 5] }) status: number;
}

export class SandboxDirectoryDto {
  @ApiProperty({ type: [SandboxDepartmentDto] }) departments: SandboxDepartmentDto[];
  @ApiProperty({ type: [SandboxUserDto] }) users: SandboxUserDto[];
}

export class SandboxStaffTagsDto extends CorpQuery {
  @ApiProperty({ description: "the staff member's userid" }) @Matches(USERID, { message: 'userId must be 1-64 letters, digits, _ . @ or -' }) userId: string;
  @ApiProperty() @Matches(EXTERNAL_USERID, { message: 'externalUserId must be 6-64 letters, digits, _ or -' }) externalUserId: string;
  @ApiPropertyOptional({ type: [String], description: 'corp tag ids to put on the customer' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) addTagIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'corp tag ids to take off' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) removeTagIds?: string[];
  @ApiPropertyOptional({ description: "the push's CreateTime in seconds (WeChat dedupes on it: two edits in one second look like one)" }) @IsOptional() @IsInt() @Min(0) createTime?: number;
}

export class SandboxCustomerDto extends CorpQuery {
  @ApiProperty({ description: "the staff member's userid", example: 'li_na' }) @Matches(USERID, { message: 'userId must be 1-64 letters, digits, _ . @ or -' }) userId: string;
  @ApiProperty({ example: 'wmSandboxCustomer01' }) @Matches(EXTERNAL_USERID, { message: 'externalUserId must be 6-64 letters, digits, _ or -' }) externalUserId: string;
  @ApiPropertyOptional({ example: '王女士' }) @IsOptional() @IsString() @MaxLength(64) name?: string;
  @ApiPropertyOptional({ description: 'the person behind this customer (the same unionid elsewhere makes them one member)' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'unionid must be 6-64 letters, digits, _ or -' })
  unionid?: string;
  @ApiPropertyOptional({ example: 'store_SH01' }) @IsOptional() @IsString() @MaxLength(64) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) remark?: string;
  @ApiPropertyOptional({ description: 'WeCom add_way (1 scanned a QR code, 202 assigned by an admin, …)' }) @IsOptional() @IsInt() @Min(0) @Max(999) addWay?: number;
  @ApiPropertyOptional({ description: 'seconds' }) @IsOptional() @IsInt() @Min(0) createTime?: number;
}

export class SandboxFollowDto {
  @ApiProperty() userid: string;
  @ApiProperty() remark: string;
  @ApiProperty() createtime: number;
  @ApiProperty() add_way: number;
  @ApiProperty() state: string;
  @ApiProperty({ type: [String] }) tagIds: string[];
}

export class SandboxAppMessageDto {
  @ApiProperty() msgid: string;
  @ApiProperty() corpId: string;
  @ApiProperty() agentid: number;
  @ApiProperty({ description: 'the staff member who received it' }) userId: string;
  @ApiProperty({ enum: ['text', 'textcard', 'markdown'] }) msgtype: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the text / textcard / markdown object as sent' }) content: unknown;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ConfirmMsgTemplateDto {
  @ApiPropertyOptional({ description: 'only this sender confirms (default: every sender of the task)' }) @IsOptional() @Matches(USERID) userId?: string;
}

export class SandboxTemplateTargetDto {
  @ApiProperty() external_userid: string;
  @ApiProperty() userid: string;
  @ApiProperty({ enum: [0, 1, 2, 3], description: '0 waiting for the sender, 1 sent, 2 not a customer, 3 monthly cap' }) status: number;
  @ApiPropertyOptional() send_time?: number;
}

export class SandboxMsgTemplateDto {
  @ApiProperty() msgid: string;
  @ApiProperty() corpId: string;
  @ApiProperty({ type: String, nullable: true }) sender: string | null;
  @ApiProperty() text: string;
  @ApiProperty() createTime: number;
  @ApiProperty({ type: [SandboxTemplateTargetDto] }) targets: SandboxTemplateTargetDto[];
}
