import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentUser, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { ApiKeysService } from './api-keys.service';

class CreateApiKeyDto {
  @ApiProperty({ example: 'POS system' }) @IsString() @Length(1, 64) name: string;
}

class ApiKeyDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'sk_AbCdEfG', description: 'first characters of the key' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
}

class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'the key itself: shown this once, store it now' }) key: string;
}

@ApiTags('api-keys')
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  @Post()
  @Roles('owner')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Body() dto: CreateApiKeyDto, @CurrentUser() actor: AdminPrincipal): Promise<CreatedApiKeyDto> {
    return this.keys.create(dto.name, actor);
  }

  @Delete(':id')
  @Roles('owner')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked; calls with it fail from now on' })
  async revoke(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.keys.revoke(id);
  }
}
