import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, HQ_ROLES, Roles } from '../platform/auth/decorators';
import { AttributeDefinitionDto, CreateAttributeDefinitionDto, UpdateAttributeDefinitionDto } from './attributes.dto';
import { AttributesService } from './attributes.service';

@ApiTags('members')
@Controller('api/attribute-definitions')
export class AttributesController {
  constructor(private readonly attributes: AttributesService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [AttributeDefinitionDto] })
  list(): Promise<AttributeDefinitionDto[]> {
    return this.attributes.list();
  }

  @Post()
  @Roles(...HQ_ROLES)
  @ApiCreatedResponse({ type: AttributeDefinitionDto })
  create(@Body() dto: CreateAttributeDefinitionDto): Promise<AttributeDefinitionDto> {
    return this.attributes.create(dto);
  }

  @Patch(':id')
  @Roles(...HQ_ROLES)
  @ApiOkResponse({ type: AttributeDefinitionDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAttributeDefinitionDto): Promise<AttributeDefinitionDto> {
    return this.attributes.update(id, dto);
  }

  @Delete(':id')
  @Roles(...HQ_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deletes the definition and every member value of it' })
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.attributes.remove(id);
  }
}
