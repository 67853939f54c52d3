import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { TokenService } from '../platform/auth/token.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { UnauthorizedError } from '../platform/errors/app-error';
import { requestContext } from '../platform/http/request-context';
import { AuthTokensDto } from './accounts.dto';
import { RefreshTokenEntity } from './admin-user.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { UsersService } from './users.service';

/** Admin login with short-lived access tokens and rotating refresh tokens. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<AuthTokensDto> {
    await this.limiter.assertAllowed(ip, username);
    const user = await this.users.verifyPassword(username, password);
    if (!user) {
      await this.limiter.recordFailure(ip, username);
      throw new UnauthorizedError('wrong username or password');
    }
    await this.users.markLogin(user.id);
    const principal = await this.users.principalOf(user);
    const rc = requestContext.current();
    if (rc) rc.principal = principal;
    await this.audit.record({ action: 'auth.login', entityType: 'admin_user', entityId: user.id, after: { ip } });
    return this.issue(principal, randomBytes(12).toString('hex'));
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once; presenting a used one
   * means it leaked, so the whole family (every token descended from that login) is revoked.
   */
  async refresh(refreshToken: string): Promise<AuthTokensDto> {
    const repo = this.ds.getRepository(RefreshTokenEntity);
    const row = await repo.findOne({ where: { tokenHash: hash(refreshToken) } });
    if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now()) {
      throw new UnauthorizedError('refresh token is invalid or expired; log in again');
    }
    // Conditional update: of two concurrent refreshes with the same token only one wins.
    const claimed = await repo.update({ id: row.id, rotatedAt: IsNull(), revokedAt: IsNull() }, { rotatedAt: new Date() });
    if (!claimed.affected) {
      await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      throw new UnauthorizedError('refresh token was already used; all sessions from that login are signed out');
    }
    const principal = await this.users.findActivePrincipal(row.userId);
    if (!principal) throw new UnauthorizedError('user no longer exists or is disabled');
    return this.issue(principal, row.familyId);
  }

  /** Ends the session the refresh token belongs to (the whole family). */
  async logout(refreshToken: string): Promise<void> {
    const repo = this.ds.getRepository(RefreshTokenEntity);
    const row = await repo.findOne({ where: { tokenHash: hash(refreshToken) } });
    if (!row) return;
    await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issue(principal: Awaited<ReturnType<UsersService['principalOf']>>, familyId: string): Promise<AuthTokensDto> {
    const access = this.tokens.signAdmin(principal.id);
    const refreshToken = randomBytes(32).toString('base64url');
    await this.ds.getRepository(RefreshTokenEntity).insert({
      userId: principal.id,
      tokenHash: hash(refreshToken),
      familyId,
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86400_000),
    });
    const { kind: _kind, ...user } = principal;
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, user };
  }
}

function hash(token: string) {
  return createHash('sha256').update(token).digest('hex');
}
