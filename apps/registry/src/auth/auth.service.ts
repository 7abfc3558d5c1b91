import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { isUUID as isUuid } from 'class-validator';
import { DomainError } from '@app/domain';
import { User } from '@app/database';
import { RegistryConfig } from '@app/platform';
import { AuditService } from '../audit/audit.service';
import { hashApiKey } from '../carriers/carriers.service';
import type { CarrierActor } from '../common/carrier-context';
import type { Actor } from '../common/request-context';
import { TokenDto } from './dto/login.dto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

interface TokenClaims {
  sub: string;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: RegistryConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every sign-in, successful or not, is audited with the client address (never the password). */
  async login(username: string, password: string, client: { requestId: string; ip: string | null }): Promise<TokenDto> {
    const user = await this.users.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const failure = !user ? 'unknown_user' : !ok ? 'wrong_password' : user.status !== 'active' ? `account_${user.status}` : null;
    const actor = user && !failure ? { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId } : null;
    await this.dataSource.transaction((em) =>
      this.audit.record(
        em,
        { ...client, actor },
        {
          action: failure ? 'auth.login_failed' : 'auth.login',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username: username.slice(0, 64), ...(failure ? { reason: failure } : {}) },
        },
      ),
    );
    if (failure) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: user!.id } satisfies TokenClaims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS };
  }

  /** The actor behind a bearer token; the user is re-read so a disabled account stops at once. */
  async authenticate(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
    // A malformed subject is simply unknown; a database failure must surface as one, never as a 401.
    const user = typeof claims.sub === 'string' && isUuid(claims.sub) ? await this.users.findOneBy({ id: claims.sub }) : null;
    if (!user || user.status !== 'active') throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
    return { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId };
  }

  /** The carrier behind an API key (only its SHA-256 is stored); a suspended carrier is refused. */
  async authenticateCarrier(apiKey: unknown): Promise<CarrierActor> {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256) {
      throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    }
    const [row]: Array<{ id: string; code: string; status: string }> = await this.dataSource.query(
      `SELECT c.id, c.code, c.status FROM carrier_api_keys k JOIN carriers c ON c.id = k.carrier_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hashApiKey(apiKey)],
    );
    if (!row) throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    if (row.status !== 'active') throw new DomainError('CARRIER_SUSPENDED', `Carrier ${row.code} is suspended`);
    return { id: row.id, code: row.code, role: 'carrier' };
  }

  /** First start with no users: create the regulator from BOOTSTRAP_ADMIN_*, or a random password shown once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const username = this.config.BOOTSTRAP_ADMIN_USERNAME ?? 'admin';
    const generated = !this.config.BOOTSTRAP_ADMIN_PASSWORD;
    const password = this.config.BOOTSTRAP_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ username, passwordHash: await hashPassword(password), role: 'regulator', organizationId: null })
      .orIgnore()
      .execute();
    if (result.identifiers.length === 0 || !result.identifiers[0]) return; // another instance did it first
    if (generated) {
      // Printed once, on purpose, to the console only: the operator must change it.
      console.log(`\n  Bootstrap regulator created: username "${username}", password "${password}"\n`);
    } else {
      this.logger.log(`Bootstrap regulator "${username}" created from BOOTSTRAP_ADMIN_USERNAME`);
    }
  }
}
