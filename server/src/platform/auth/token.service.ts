import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';

type TokenKind = 'admin' | 'member';

/**
 * Signs and checks bearer tokens (HS256 JWTs). Admin and member tokens use different keys and
 * audiences, so one can never pass for the other.
 */
@Injectable()
export class TokenService {
  private readonly keys: Record<TokenKind, Buffer>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    box: SecretBox,
    private readonly jwt: JwtService,
  ) {
    this.keys = { admin: box.subKey('jwt:admin'), member: box.subKey('jwt:member') };
  }

  signAdmin(userId: number): { token: string; expiresIn: number } {
    return this.sign('admin', userId, this.config.accessTokenTtlSeconds);
  }

  signMember(memberId: number): { token: string; expiresIn: number } {
    return this.sign('member', memberId, this.config.memberSessionTtlDays * 86400);
  }

  /** The subject id, or null for a malformed, forged, expired or wrong-kind token. */
  verify(kind: TokenKind, token: string): number | null {
    try {
      const claims = this.jwt.verify<{ sub: string }>(token, {
        secret: this.keys[kind],
        audience: kind,
        algorithms: ['HS256'],
      });
      const id = Number(claims.sub);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    } catch {
      return null;
    }
  }

  private sign(kind: TokenKind, id: number, expiresIn: number) {
    const token = this.jwt.sign(
      { sub: String(id) },
      { secret: this.keys[kind], audience: kind, expiresIn, algorithm: 'HS256' },
    );
    return { token, expiresIn };
  }
}
