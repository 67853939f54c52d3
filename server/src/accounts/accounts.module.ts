import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ADMIN_DIRECTORY, AuthGuard } from '../platform/auth/auth.guard';
import { AdminUserEntity, AdminUserStoreEntity, RefreshTokenEntity } from './admin-user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { StoreEntity } from './store.entity';
import { StoresService } from './stores.service';
import { StoresController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUserEntity, AdminUserStoreEntity, RefreshTokenEntity, StoreEntity])],
  controllers: [AuthController, UsersController, StoresController],
  providers: [
    UsersService,
    StoresService,
    AuthService,
    LoginRateLimiter,
    { provide: ADMIN_DIRECTORY, useExisting: UsersService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, StoresService],
})
export class AccountsModule {}
