import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ATTRIBUTE_TYPES, AttributeType } from './attribute.entity';

export class AttributeDefinitionDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'skin_type' }) key: string;
  @ApiProperty({ example: '肤质' }) label: string;
  @ApiProperty({ enum: ATTRIBUTE_TYPES }) type: AttributeType;
  @ApiProperty({ type: [String], nullable: true, description: 'allowed values of an enum' }) options: string[] | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class CreateAttributeDefinitionDto {
  @ApiProperty({ example: 'skin_type' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'key must start with a lowercase letter and use only a-z, 0-9 and _ (max 64)' })
  key: string;

  @ApiProperty() @IsString() @Length(1, 64) label: string;
  @ApiProperty({ enum: ATTRIBUTE_TYPES }) @IsIn(ATTRIBUTE_TYPES) type: AttributeType;

  @ApiPropertyOptional({ type: [String], description: 'required for enum' })
  @ValidateIf((o: CreateAttributeDefinitionDto) => o.type === 'enum' || o.options !== undefined)
  @IsArray() @ArrayMinSize(1, { message: 'an enum needs at least one option' }) @ArrayMaxSize(200) @IsString({ each: true }) @Length(1, 64, { each: true })
  options?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class UpdateAttributeDefinitionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) label?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @Length(1, 64, { each: true }) options?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}
