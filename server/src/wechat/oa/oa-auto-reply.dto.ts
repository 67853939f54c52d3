import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';
import { AUTO_REPLY_TRIGGERS, AutoReplyTrigger, KEYWORD_MATCHES, KeywordMatch } from './oa-auto-reply.entity';

export class SaveAutoReplyDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'an OA account; omitted or null: every OA account' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1)
  accountId?: number | null;
  @ApiProperty({ enum: AUTO_REPLY_TRIGGERS, description: 'subscribe: on follow; keyword: a text message matching `keyword`; message: any other text message' })
  @IsIn(AUTO_REPLY_TRIGGERS)
  trigger: AutoReplyTrigger;
  @ApiPropertyOptional({ description: 'required for keyword rules (1-30 characters)' }) @IsOptional() @IsString() @Length(1, 30) keyword?: string;
  @ApiPropertyOptional({ enum: KEYWORD_MATCHES, default: 'exact' }) @IsOptional() @IsIn(KEYWORD_MATCHES) match?: KeywordMatch;
  @ApiProperty({ description: 'the text sent back (1-600 characters)' }) @IsString() @Length(1, 600) reply: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateAutoReplyDto extends PartialType(SaveAutoReplyDto) {}

export class AutoReplyDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true }) accountId: number | null;
  @ApiProperty({ enum: AUTO_REPLY_TRIGGERS }) trigger: AutoReplyTrigger;
  @ApiProperty({ type: String, nullable: true }) keyword: string | null;
  @ApiProperty({ enum: KEYWORD_MATCHES }) match: KeywordMatch;
  @ApiProperty() reply: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
