import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../platform/auth/decorators';
import { AdminPrincipal } from '../platform/http/request-context';
import { CreateStoreDto, CreateUserDto, StaffUserDto, StoreDto, UpdateStoreDto, UpdateUserDto } from './accounts.dto';
import { StoresService } from './stores.service';
import { UsersService } from './users.service';

@ApiTags('accounts')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('owner', 'operator', 'store_manager')
  @ApiOkResponse({ type: [StaffUserDto] })
  list(@CurrentUser() viewer: AdminPrincipal): Promise<StaffUserDto[]> {
    return this.users.list(viewer);
  }

  @Post()
  @Roles('owner')
  @ApiCreatedResponse({ type: StaffUserDto })
  create(@Body() dto: CreateUserDto): Promise<StaffUserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @Roles('owner')
  @ApiOkResponse({ type: StaffUserDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUserDto, @CurrentUser() actor: AdminPrincipal): Promise<StaffUserDto> {
    return this.users.update(id, dto, actor);
  }
}

@ApiTags('accounts')
@Controller('api/stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Get()
  @Roles('owner', 'operator', 'store_manager', 'store_staff')
  @ApiOkResponse({ type: [StoreDto] })
  list(@CurrentUser() viewer: AdminPrincipal): Promise<StoreDto[]> {
    return this.stores.list(viewer);
  }

  @Post()
  @Roles('owner')
  @ApiCreatedResponse({ type: StoreDto })
  create(@Body() dto: CreateStoreDto): Promise<StoreDto> {
    return this.stores.create(dto);
  }

  @Patch(':id')
  @Roles('owner')
  @ApiOkResponse({ type: StoreDto })
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateStoreDto): Promise<StoreDto> {
    return this.stores.update(id, dto);
  }
}
