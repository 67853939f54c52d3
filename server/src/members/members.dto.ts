import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MemberTagDto, TagRefDto } from '../tags/tags.dto';
import { IDENTITY_TYPES, IdentityType } from './member-identity.entity';
import { GENDERS, Gender, LEAD_STAGES, LIFECYCLE_STAGES, LeadStage, LifecycleStage, SOURCE_CHANNELS, SourceChannel } from './member.entity';

export const MEMBER_SORTS = ['createdAt', 'lastSeenAt', 'points', 'nickname'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const toInt = ({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class MemberFilterQuery {
  @ApiPropertyOptional({ description: 'nickname contains, exact phone, or exact identity value (openid, unionid, external_userid)' })
  @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(toInt) @IsInt() @Min(1) tagId?: number;
  @ApiPropertyOptional({ enum: SOURCE_CHANNELS }) @IsOptional() @IsIn(SOURCE_CHANNELS) channel?: SourceChannel;
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptional() @IsIn(LIFECYCLE_STAGES) stage?: LifecycleStage;
  @ApiPropertyOptional() @IsOptional() @Transform(toInt) @IsInt() @Min(1) storeId?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'created at or after' }) @IsOptional() @IsISO8601() createdFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'created before (a date alone means the end of that day)' }) @IsOptional() @IsISO8601() createdTo?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() lastSeenFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() lastSeenTo?: string;
  @ApiPropertyOptional({ enum: MEMBER_SORTS, default: 'createdAt' }) @IsOptional() @IsIn(MEMBER_SORTS) sort?: MemberSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class ListMembersQuery extends MemberFilterQuery {
  @ApiPropertyOptional({ default: 20, maximum: 200 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class BirthdayDto {
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number | null;
  @ApiProperty() @IsInt() @Min(1) @Max(12) month: number;
  @ApiProperty() @IsInt() @Min(1) @Max(31) day: number;
}

export class ConsentDto {
  @ApiProperty() oa: boolean;
  @ApiProperty() miniapp: boolean;
  @ApiProperty() wecom: boolean;
  @ApiProperty() sms: boolean;
}

export class ConsentInput {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() oa?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() miniapp?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() wecom?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sms?: boolean;
}

export class IdentityInput {
  @ApiProperty({ enum: IDENTITY_TYPES.filter((t) => t !== 'phone') })
  @IsIn(IDENTITY_TYPES.filter((t) => t !== 'phone'), { message: 'type must be oa_openid, mp_openid, unionid or wecom_external_userid (phones go in the phone field)' })
  type: Exclude<IdentityType, 'phone'>;
  @ApiPropertyOptional({ description: 'appid / corpid; omit for unionid' }) @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiProperty() @IsString() @Length(1, 128) value: string;
}

export class CreateMemberDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) nickname?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(512) avatarUrl?: string;
  @ApiPropertyOptional({ description: 'mainland mobile, with or without +86' }) @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: Gender;
  @ApiPropertyOptional({ type: BirthdayDto }) @IsOptional() @ValidateNested() @Type(() => BirthdayDto) birthday?: BirthdayDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) province?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) city?: string;
  @ApiPropertyOptional({ enum: SOURCE_CHANNELS }) @IsOptional() @IsIn(SOURCE_CHANNELS) sourceChannel?: SourceChannel;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) storeId?: number;
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptional() @IsIn(LIFECYCLE_STAGES) lifecycleStage?: LifecycleStage;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100) level?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) points?: number;
  @ApiPropertyOptional({ description: 'lead score (higher is warmer)' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) leadScore?: number;
  @ApiPropertyOptional({ enum: LEAD_STAGES, nullable: true }) @IsOptional() @IsIn(LEAD_STAGES) leadStage?: LeadStage;
  @ApiPropertyOptional({ type: ConsentInput }) @IsOptional() @ValidateNested() @Type(() => ConsentInput) consent?: ConsentInput;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true }, description: 'custom attributes by key' })
  @IsOptional() @IsObject() attributes?: Record<string, string | number | boolean | null>;

  @ApiPropertyOptional({ type: [IdentityInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => IdentityInput) identities?: IdentityInput[];
}

export class UpdateMemberDto extends PartialType(CreateMemberDto) {}

export class IdentityDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: IDENTITY_TYPES }) type: IdentityType;
  @ApiProperty({ type: String, nullable: true }) appId: string | null;
  @ApiProperty({ description: 'the openid / unionid / external_userid; phones are shown masked' }) value: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'consent given (true) or withdrawn (false) through this identity; null when the channel has not said' })
  consent: boolean | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) consentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MemberSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) nickname: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ type: String, nullable: true, example: '138****5678' }) phoneMasked: string | null;
  @ApiProperty({ type: String, nullable: true }) province: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ enum: SOURCE_CHANNELS }) sourceChannel: SourceChannel;
  @ApiProperty({ enum: LIFECYCLE_STAGES }) lifecycleStage: LifecycleStage;
  @ApiProperty() level: number;
  @ApiProperty() points: number;
  @ApiProperty() leadScore: number;
  @ApiProperty({ enum: LEAD_STAGES, nullable: true }) leadStage: LeadStage | null;
  @ApiProperty({ type: Number, nullable: true }) storeId: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstSeenAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSeenAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [TagRefDto] }) tags: TagRefDto[];
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberSummaryDto] }) items: MemberSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'members matching the filters (all pages)' }) total: number;
}

export class MemberDetailDto extends MemberSummaryDto {
  @ApiProperty({ type: BirthdayDto, nullable: true }) birthday: BirthdayDto | null;
  @ApiProperty({ type: ConsentDto }) consent: ConsentDto;
  @ApiProperty({ type: [IdentityDto] }) identities: IdentityDto[];
  @ApiProperty({ type: [MemberTagDto] }) declare tags: MemberTagDto[];
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true } })
  attributes: Record<string, string | number | boolean | null>;
}

export class AddTagsDto {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsInt({ each: true }) @Min(1, { each: true }) tagIds: number[];
}

export class BulkTagsDto {
  @ApiProperty({ type: [Number], maxItems: 10000 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10000) @IsInt({ each: true }) @Min(1, { each: true }) memberIds: number[];
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsInt({ each: true }) @Min(1, { each: true }) tagIds: number[];
  @ApiProperty({ enum: ['add', 'remove'] }) @IsIn(['add', 'remove']) action: 'add' | 'remove';
}

export class BulkTagsResultDto {
  @ApiProperty({ description: 'member-tag links added or removed' }) affected: number;
}
