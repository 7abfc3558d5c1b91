import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isUUID as isUuid } from 'class-validator';
import { ACTIVE_CARRIER_STATUS, assertEnrollable, assertNewPasswordDiffers, DomainError, initialAccountStatus } from '@app/domain';
import { User } from '@app/database';
import { RegistryConfig } from '@app/platform';
import { CarriersRepository } from '../carriers/carriers.repository';
import { hashApiKey } from '../carriers/carriers.service';
import type { CarrierActor } from '../common/carrier-context';
import type { Actor, RequestContext, SystemActor } from '../common/request-context';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { UsersRepository } from '../users/users.repository';
import { hashEnrollmentHalf } from './credentials';
import { ChangePasswordDto, TokenDto } from './dto/login.dto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

interface TokenClaims {
  sub: string;
  /** The user's token version when it was issued; a password change or reset moves it on (absent: 0). */
  tv?: number;
}

type Client = { requestId: string; ip: string | null };

/** The system actor that creates the first regulator at the registry's first start. */
const FIRST_START: SystemActor = { id: null, username: 'system:first-start', role: 'regulator', organizationId: null, system: true };

/** Sign-in, enrollment, password changes and the first regulator; every one audited through the write pipeline. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly carriers: CarriersRepository,
    private readonly parties: PartiesRepository,
    private readonly pipeline: WritePipeline,
    private readonly jwt: JwtService,
    private readonly config: RegistryConfig,
  ) {}

  /** Every sign-in, successful or not, is audited with the client address (never the password). */
  async login(username: string, password: string, client: Client): Promise<TokenDto> {
    const user = await this.users.byUsername(this.dataSource.manager, username);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const failure = !user ? 'unknown_user' : !ok ? 'wrong_password' : user.status !== 'active' ? `account_${user.status}` : null;
    await this.pipeline.run(
      { ...client, actor: user && !failure ? actorOf(user) : null },
      {
        load: async () => undefined,
        apply: async () => ({
          result: undefined,
          audit: {
            action: failure ? 'auth.login_failed' : 'auth.login',
            entityType: 'user',
            entityId: user?.id ?? null,
            after: { username: username.slice(0, 64), ...(failure ? { reason: failure } : {}) },
          },
        }),
      },
    );
    if (failure) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    return this.tokenFor(user!);
  }

  /**
   * An enrolled account's holder sets its own password with both halves of its code (one from its creator, one
   * from its approver): from then on nobody else ever knew it. Refused like a wrong password, and audited.
   */
  async enroll(dto: { username: string; firstCode: string; secondCode: string; newPassword: string }, client: Client): Promise<TokenDto> {
    const passwordHash = await hashPassword(dto.newPassword);
    const found = await this.users.byUsername(this.dataSource.manager, dto.username);
    const saved = await this.pipeline.run(
      { ...client, actor: found ? actorOf(found) : null },
      {
        load: (em) => this.users.byUsername(em, dto.username, true),
        authorize: (user) => assertEnrollable(user, hashEnrollmentHalf(dto.firstCode), hashEnrollmentHalf(dto.secondCode), new Date()),
        apply: async (em, user) => {
          const after = await this.users.setCredentials(em, user!, { passwordHash, passwordChangeRequired: false });
          await this.users.clearEnrollment(em, user!.id);
          return {
            result: after,
            audit: { action: 'auth.enroll', entityType: 'user', entityId: user!.id, after: { username: user!.username } },
          };
        },
      },
    );
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
    const user = (await this.users.find(this.dataSource.manager, ctx.actor.id))!;
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.pipeline.run(ctx, {
        load: async () => undefined,
        apply: async () => ({
          result: undefined,
          audit: { action: 'auth.change_password_failed', entityType: 'user', entityId: user.id, after: { reason: 'wrong_password' } },
        }),
      });
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong', {
        fields: [{ field: 'currentPassword', message: 'is wrong' }],
      });
    }
    assertNewPasswordDiffers(dto.currentPassword, dto.newPassword);
    const passwordHash = await hashPassword(dto.newPassword);
    const saved = await this.pipeline.run(ctx, {
      load: (em) => this.users.lock(em, user.id),
      // A reset or another change in between: this token was cut meanwhile.
      authorize: (locked) => {
        if (locked.tokenVersion !== user.tokenVersion) throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
      },
      apply: async (em, locked) => {
        const after = await this.users.setCredentials(em, locked, { passwordHash, passwordChangeRequired: false });
        return {
          result: after,
          audit: {
            action: 'auth.change_password',
            entityType: 'user',
            entityId: user.id,
            after: { username: user.username, passwordChangedAt: after.passwordChangedAt },
          },
        };
      },
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
    const user = typeof claims.sub === 'string' && isUuid(claims.sub) ? await this.users.find(this.dataSource.manager, claims.sub) : null;
    if (!user || user.status !== 'active' || (claims.tv ?? 0) !== user.tokenVersion) {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
    return { ...actorOf(user), passwordChangeRequired: user.passwordChangeRequired };
  }

  /** The carrier behind an API key (only its SHA-256 is stored); a suspended carrier is refused. */
  async authenticateCarrier(apiKey: unknown): Promise<CarrierActor> {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256) {
      throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    }
    const row = await this.carriers.byLiveKeyHash(this.dataSource.manager, hashApiKey(apiKey));
    if (!row) throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    if (row.status !== ACTIVE_CARRIER_STATUS) throw new DomainError('CARRIER_SUSPENDED', `Carrier ${row.code} is suspended`);
    return { id: row.id, code: row.code, role: 'carrier' };
  }

  /** First start with no users: create the regulator from BOOTSTRAP_ADMIN_*, or a random password shown once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count(this.dataSource.manager)) > 0) return;
    const username = this.config.BOOTSTRAP_ADMIN_USERNAME ?? 'admin';
    const generated = !this.config.BOOTSTRAP_ADMIN_PASSWORD;
    const password = this.config.BOOTSTRAP_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(password);
    const created = await this.pipeline.run(
      { actor: FIRST_START, requestId: 'first-start', ip: null },
      {
        load: async () => undefined,
        apply: async (em) => {
          const id = await this.users.insertFirstRegulator(em, { username, passwordHash });
          if (!id) return { result: false, audit: [] }; // another instance did it first
          // Whoever installs the registry reads (or set) this password: an installation fact, trusted once.
          await this.parties.recordControl(em, id, FIRST_START.username, 'installation');
          const after = { username, role: 'regulator', status: initialAccountStatus('installation') };
          return { result: true, audit: { action: 'user.create_installation', entityType: 'user', entityId: id, after } };
        },
      },
    );
    if (!created) return;
    if (generated) {
      // Printed once, on purpose, to the console only: the operator must change it.
      console.log(`\n  Bootstrap regulator created: username "${username}", password "${password}"\n`);
    } else {
      this.logger.log(`Bootstrap regulator "${username}" created from BOOTSTRAP_ADMIN_USERNAME`);
    }
  }
}

function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId };
}
