import { ApiProperty } from '@nestjs/swagger';
import { MERGE_REASONS, MergeReason } from './member-merge.entity';

export class MergedIdentityDto {
  @ApiProperty() type: string;
  @ApiProperty({ description: "appid / corpid, '' for brand-wide identities" }) appId: string;
  @ApiProperty({ description: 'openid, unionid, external_userid, or a masked phone' }) value: string;
}

export class MemberMergeDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'the member that remained (the older record)' }) keptMemberId: number;
  @ApiProperty({ description: 'the member absorbed into it' }) mergedMemberId: number;
  @ApiProperty({ enum: MERGE_REASONS, description: 'the strong identifier both records claimed' }) reason: MergeReason;
  @ApiProperty({ description: 'that identifier (a unionid, or a masked phone)' }) identifier: string;
  @ApiProperty({ type: [MergedIdentityDto] }) identitiesMoved: MergedIdentityDto[];
  @ApiProperty() eventsMoved: number;
  @ApiProperty({ description: "who merged: 'system' for automatic merges" }) mergedBy: string;
  @ApiProperty({ format: 'date-time' }) mergedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) undoneAt: string | null;
  @ApiProperty({ type: String, nullable: true }) undoneBy: string | null;
}
