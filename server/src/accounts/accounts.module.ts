import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ADMIN_DIRECTORY, API_KEY_DIRECTORY, AuthGuard } from '../platform/auth/auth.guard';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AdminUserEntity, AdminUserStoreEntity, RefreshTokenEntity } from './admin-user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { StoreEntity } from './store.entity';
import { StoresService } from './stores.service';
import { StoresController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUserEntity, AdminUserStoreEntity, RefreshTokenEntity, StoreEntity, ApiKeyEntity])],
  controllers: [AuthController, UsersController, StoresController, ApiKeysController],
  providers: [
    UsersService,
    StoresService,
    AuthService,
    LoginRateLimiter,
    ApiKeysService,
    { provide: API_KEY_DIRECTORY, useExisting: ApiKeysService },
    { provide: ADMIN_DIRECTORY, useExisting: UsersService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, StoresService],
})
export class AccountsModule {}
