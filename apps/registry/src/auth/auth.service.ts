import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { isUUID as isUuid } from 'class-validator';
import { assertEnrollable, assertNewPasswordDiffers, DomainError } from '@app/domain';
import { User } from '@app/database';
import { RegistryConfig } from '@app/platform';
import { AuditService } from '../audit/audit.service';
import { hashApiKey } from '../carriers/carriers.service';
import type { CarrierActor } from '../common/carrier-context';
import type { Actor, RequestContext } from '../common/request-context';
import { ChangePasswordDto, TokenDto } from './dto/login.dto';
import { hashEnrollmentHalf, setCredentials } from './credentials';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

interface TokenClaims {
  sub: string;
  /** The user's token version when it was issued; a password change or reset moves it on (absent: 0). */
  tv?: number;
}

/** The system actor that creates the first regulator at the registry's first start. */
const FIRST_START = 'system:first-start';

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
    return this.tokenFor(user!);
  }

  /**
   * An enrolled account's holder sets its own password with both halves of its code (one from its creator, one
   * from its approver): from then on nobody else ever knew it. Refused like a wrong password, and audited.
   */
  async enroll(
    dto: { username: string; firstCode: string; secondCode: string; newPassword: string },
    client: { requestId: string; ip: string | null },
  ): Promise<TokenDto> {
    const passwordHash = await hashPassword(dto.newPassword);
    const saved = await this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('lower(u.username) = lower(:username)', { username: dto.username })
        .getOne();
      assertEnrollable(user, hashEnrollmentHalf(dto.firstCode), hashEnrollmentHalf(dto.secondCode), new Date());
      const after = await setCredentials(em, user!, { passwordHash, passwordChangeRequired: false });
      await em.query(
        'UPDATE users SET enrollment_first_hash = NULL, enrollment_second_hash = NULL, enrollment_expires_at = NULL WHERE id = $1',
        [user!.id],
      );
      const actor = { id: user!.id, username: user!.username, role: user!.role, organizationId: user!.organizationId };
      await this.audit.record(
        em,
        { ...client, actor },
        { action: 'auth.enroll', entityType: 'user', entityId: user!.id, after: { username: user!.username } },
      );
      return after;
    });
    return this.tokenFor(saved);
  }

  private async tokenFor(user: User): Promise<TokenDto> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, tv: user.tokenVersion } satisfies TokenClaims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      passwordChangeRequired: user.passwordChangeRequired,
    };
  }

  /**
   * The signed-in user changes its own password: the current one must be right (a wrong one is audited, as a
   * failed sign-in is) and the new one different. Every older token stops; the answer carries a new one.
   */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto): Promise<TokenDto> {
    const user = await this.users.findOneByOrFail({ id: ctx.actor.id });
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, ctx, {
          action: 'auth.change_password_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'wrong_password' },
        }),
      );
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong', {
        fields: [{ field: 'currentPassword', message: 'is wrong' }],
      });
    }
    assertNewPasswordDiffers(dto.currentPassword, dto.newPassword);
    const passwordHash = await hashPassword(dto.newPassword);
    const saved = await this.dataSource.transaction(async (em) => {
      const locked = await em.findOneOrFail(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      // A reset or another change in between: this token was cut meanwhile.
      if (locked.tokenVersion !== user.tokenVersion) throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
      const after = await setCredentials(em, locked, { passwordHash, passwordChangeRequired: false });
      await this.audit.record(em, ctx, {
        action: 'auth.change_password',
        entityType: 'user',
        entityId: user.id,
        after: { username: user.username, passwordChangedAt: after.passwordChangedAt },
      });
      return after;
    });
    return this.tokenFor(saved);
  }

  /**
   * The actor behind a bearer token; the user is re-read so a disabled account, and a token issued before the
   * last password change or reset, stop at once.
   */
  async authenticate(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
    // A malformed subject is simply unknown; a database failure must surface as one, never as a 401.
    const user = typeof claims.sub === 'string' && isUuid(claims.sub) ? await this.users.findOneBy({ id: claims.sub }) : null;
    if (!user || user.status !== 'active' || (claims.tv ?? 0) !== user.tokenVersion) {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      organizationId: user.organizationId,
      passwordChangeRequired: user.passwordChangeRequired,
    };
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
    // Whoever installs the registry reads (or set) this password: recorded as an installation fact, trusted once.
    const id = (result.identifiers[0] as { id: string }).id;
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO account_controls (account_id, controller, kind) VALUES ($1, $2, 'installation')`, [id, FIRST_START]);
      const system = { id: null, username: FIRST_START, role: 'regulator' as const, organizationId: null, system: true as const };
      await this.audit.record(
        em,
        { actor: system, requestId: 'first-start', ip: null },
        { action: 'user.create_installation', entityType: 'user', entityId: id, after: { username, role: 'regulator', status: 'active' } },
      );
    });
    if (generated) {
      // Printed once, on purpose, to the console only: the operator must change it.
      console.log(`\n  Bootstrap regulator created: username "${username}", password "${password}"\n`);
    } else {
      this.logger.log(`Bootstrap regulator "${username}" created from BOOTSTRAP_ADMIN_USERNAME`);
    }
  }
}
