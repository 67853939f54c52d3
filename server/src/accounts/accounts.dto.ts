import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, Role } from './admin-user.entity';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @Length(1, 64) username: string;
  @ApiProperty() @IsString() @Length(1, 200) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @Length(10, 200) refreshToken: string;
}

export class AdminUserDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [Number], description: 'stores this user works in (empty for head-office roles)' }) storeIds: number[];
}

export class AuthTokensDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: AdminUserDto }) user: AdminUserDto;
}

export class StaffUserDto extends AdminUserDto {
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'sh_staff_01' })
  @IsString()
  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty() @IsString() @Length(1, 64) displayName: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;

  @ApiProperty({ type: [Number], description: 'required for store_manager and store_staff' })
  @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) @Min(1, { each: true }) storeIds: number[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) @Min(1, { each: true }) storeIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ minLength: 8 }) @IsOptional() @IsString() @MinLength(8) @MaxLength(200) password?: string;
}

export class StoreDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
}

export class CreateStoreDto {
  @ApiProperty() @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: 'SH02' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1-32 letters, digits, _ or -' })
  code: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) address?: string;
}

export class UpdateStoreDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) address?: string;
}
