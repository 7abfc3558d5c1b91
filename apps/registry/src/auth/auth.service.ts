import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isUUID as isUuid } from 'class-validator';
import {
  ACTIVE_CARRIER_STATUS,
  assertEnrollable,
  assertNewPasswordDiffers,
  DomainError,
  initialAccountStatus,
  secondFactorAtSignIn,
} from '@app/domain';
import { User } from '@app/database';
import { RegistryConfig } from '@app/platform';
import { CarriersRepository } from '../carriers/carriers.repository';
import { hashApiKey } from '../carriers/carriers.service';
import type { CarrierActor } from '../common/carrier-context';
import type { Actor, RequestContext, SystemActor } from '../common/request-context';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { SecondFactorService } from '../second-factor/second-factor.service';
import { UsersRepository } from '../users/users.repository';
import { SignInLimiter } from './sign-in-limiter';
import { hashEnrollmentHalf } from './credentials';
import { ChangePasswordDto, TokenDto } from './dto/login.dto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

interface TokenClaims {
  sub: string;
  /** The user's token version when it was issued; a password change or reset moves it on (absent: 0). */
  tv?: number;
  /** Only the second-factor enrolment routes: the account must enrol one before anything else. */
  scope?: typeof ENROLLMENT_SCOPE;
}

const ENROLLMENT_SCOPE = 'second_factor_enrollment';

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
    private readonly limiter: SignInLimiter,
    private readonly secondFactors: SecondFactorService,
  ) {}

  /**
   * Every sign-in, successful or not, is audited with the client address (never the password). The attempt is
   * taken from the throttle first (per username and address, and per address), and given back when it proved
   * right. An account with a second factor needs its code too (401 SECOND_FACTOR_REQUIRED, the same whether it
   * was missing or wrong); one that must enrol gets a token that reaches only the enrolment routes.
   */
  async login(credentials: { username: string; password: string; totp?: string }, client: Client): Promise<TokenDto> {
    const { username, password, totp } = credentials;
    const attempt = await this.limiter.take(`user:${username.toLowerCase()}`, { ...client, actor: null });
    const user = await this.users.byUsername(this.dataSource.manager, username);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const refused = !user ? 'unknown_user' : !ok ? 'wrong_password' : user.status !== 'active' ? `account_${user.status}` : null;
    const outcome = await this.pipeline.run(
      { ...client, actor: user && !refused ? actorOf(user) : null },
      {
        load: async (em) =>
          user && !refused
            ? { factor: await this.secondFactors.lockFactor(em, user.id), holder: await this.secondFactors.holderOf(em, user) }
            : null,
        apply: async (em, found) => {
          const factor = found?.factor ?? null;
          const step = found ? secondFactorAtSignIn(found.holder, this.config.secondFactorMode) : 'none';
          const match = step === 'verify' ? this.secondFactors.match(factor!, totp) : null;
          if (match) await this.secondFactors.spend(em, factor!, match);
          const failure = refused ?? (step === 'verify' && !match ? (totp ? 'wrong_second_factor' : 'second_factor_missing') : null);
          const detail =
            match?.kind === 'recovery_code' ? { secondFactor: 'recovery_code', recoveryCodesLeft: match.remaining.length } : {};
          return {
            result: { failure, step },
            audit: {
              action: failure ? 'auth.login_failed' : 'auth.login',
              entityType: 'user',
              entityId: user?.id ?? null,
              after: { username: username.slice(0, 64), ...(failure ? { reason: failure } : detail) },
            },
          };
        },
      },
    );
    // The right password without its code is not a guess at the code: the attempt is given back.
    if (!outcome.failure || outcome.failure === 'second_factor_missing') await this.limiter.succeeded(attempt, { ...client, actor: null });
    if (outcome.failure === 'second_factor_missing' || outcome.failure === 'wrong_second_factor') {
      throw new DomainError('SECOND_FACTOR_REQUIRED', 'A second-factor code is required: the one the authenticator app shows now');
    }
    if (outcome.failure) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    return this.tokenFor(user!, outcome.step === 'enroll' ? ENROLLMENT_SCOPE : undefined);
  }

  /**
   * An enrolled account's holder sets its own password with both halves of its code (one from its creator, one
   * from its approver): from then on nobody else ever knew it. Refused like a wrong password, and audited.
   */
  async enroll(dto: { username: string; firstCode: string; secondCode: string; newPassword: string }, client: Client): Promise<TokenDto> {
    const attempt = await this.limiter.take(`user:${dto.username.toLowerCase()}`, { ...client, actor: null });
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
    await this.limiter.succeeded(attempt, { ...client, actor: null });
    // A regulator enrolled by code has no second factor yet: where one is required, it enrols it next.
    const holder = await this.secondFactors.holderOf(this.dataSource.manager, saved);
    const step = secondFactorAtSignIn(holder, this.config.secondFactorMode);
    return this.tokenFor(saved, step === 'enroll' ? ENROLLMENT_SCOPE : undefined);
  }

  private async tokenFor(user: User, scope?: typeof ENROLLMENT_SCOPE): Promise<TokenDto> {
    const claims: TokenClaims = { sub: user.id, tv: user.tokenVersion, ...(scope ? { scope } : {}) };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      passwordChangeRequired: user.passwordChangeRequired,
      secondFactorEnrollmentRequired: scope === ENROLLMENT_SCOPE,
    };
  }

  /** The signed-in holder's first code confirms its new second factor: a full token, every older one stopped. */
  async confirmSecondFactor(ctx: RequestContext, code: string): Promise<TokenDto> {
    const attempt = await this.limiter.take(`account:${ctx.actor.id}`, ctx);
    const user = await this.secondFactors.confirm(ctx, code);
    if (!user) {
      throw new DomainError('VALIDATION_FAILED', 'The code is wrong: type the one the authenticator app shows now', {
        fields: [{ field: 'totp', message: 'is wrong' }],
      });
    }
    await this.limiter.succeeded(attempt, ctx);
    return this.tokenFor(user);
  }

  /**
   * The signed-in user changes its own password: the current one must be right (a wrong one is audited, as a
   * failed sign-in is) and the new one different. Every older token stops; the answer carries a new one.
   */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto): Promise<TokenDto> {
    const attempt = await this.limiter.take(`account:${ctx.actor.id}`, ctx);
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
    await this.limiter.succeeded(attempt, ctx);
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
    return {
      ...actorOf(user),
      passwordChangeRequired: user.passwordChangeRequired,
      ...(claims.scope === ENROLLMENT_SCOPE ? { secondFactorEnrollment: true } : {}),
    };
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
