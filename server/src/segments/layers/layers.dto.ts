import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LIFECYCLE_MODELS, LifecycleModel, RFM_GROUPS } from '../rules/layers';

export class RfmConfigDto {
  @ApiProperty({ example: 90, description: 'recency is high when the last paid order is at most this many days old' })
  @IsInt() @Min(1) @Max(3650)
  recencyDays: number;

  @ApiProperty({ example: 2, description: 'frequency is high from this many paid orders' })
  @IsInt() @Min(1) @Max(100_000)
  frequencyMin: number;

  @ApiProperty({ example: 50000, description: 'monetary is high from this total, in fen' })
  @IsInt() @Min(0) @Max(1_000_000_000_000)
  monetaryMin: number;
}

export class RfmGroupDto {
  @ApiProperty({ enum: Object.keys(RFM_GROUPS) }) group: string;
  @ApiProperty({ example: '重要价值客户' }) label: string;
  @ApiProperty({ example: 'Important value' }) labelEn: string;
  @ApiProperty({ enum: ['high', 'low'] }) recency: string;
  @ApiProperty({ enum: ['high', 'low'] }) frequency: string;
  @ApiProperty({ enum: ['high', 'low'] }) monetary: string;
  @ApiProperty({ description: 'members in the group now' }) count: number;
}

export class RfmLayerDto {
  @ApiProperty({ type: RfmConfigDto }) config: RfmConfigDto;
  @ApiProperty({ type: [RfmGroupDto], description: 'the eight classic groups; members who never paid are in none' }) groups: RfmGroupDto[];
}

export class LifecycleStageDto {
  @ApiProperty({ example: 'purchase', description: 'used in rules: {kind:"lifecycle", stages:["purchase"]}' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'key must be lower-case letters, digits or _, starting with a letter' })
  key: string;

  @ApiProperty({ example: '购买 Purchase' }) @IsString() @Length(1, 32) label: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'who is at least in this stage (a segment rule)' })
  @IsObject()
  rule: Record<string, unknown>;
}

export class LifecycleConfigDto {
  @ApiProperty({ enum: LIFECYCLE_MODELS }) @IsIn(LIFECYCLE_MODELS) model: LifecycleModel;

  @ApiProperty({ type: [LifecycleStageDto], description: 'first to last; a member is in the last stage whose rule they match' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => LifecycleStageDto)
  stages: LifecycleStageDto[];
}

export class LifecycleStageCountDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'members whose current stage this is' }) count: number;
}

export class LifecycleLayerDto {
  @ApiProperty({ type: LifecycleConfigDto }) config: LifecycleConfigDto;
  @ApiProperty({ type: [LifecycleStageCountDto] }) stages: LifecycleStageCountDto[];
  @ApiProperty({ type: [LifecycleConfigDto], description: 'ready definitions of each model to start from' }) presets: LifecycleConfigDto[];
}

export class StatsRebuildDto {
  @ApiProperty({ description: 'the job rebuilding member order figures' }) jobId: string;
}
