import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { randomBytes } from 'node:crypto';
import {
  AccountAction,
  AccountReview,
  assertEnrollmentAllowed,
  assertMayChangeAccount,
  assertMayDecideAccount,
  assertMayResetPassword,
  Author,
  bootstrapsRegistry,
  canSeeAccount,
  DomainError,
  enrollmentExpiry,
  initialAccountStatus,
  nextAccountStatus,
  organizationOfNewAccount,
  reviewOfAccountChange,
  reviewOfNewAccount,
} from '@app/domain';
import { User } from '@app/database';
import { hashEnrollmentHalf } from '../auth/credentials';
import { hashPassword } from '../auth/password-hasher';
import { assertVersion } from '../common/locking';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { ActingContext, RequestContext } from '../common/request-context';
import { PartiesRepository, principalOf } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { UsersRepository } from './users.repository';
import { CreatedUserDto, CreateUserDto, OneTimePasswordDto, UpdateUserDto, UserDto } from './dto/user.dto';

/** 16 characters of 96 random bits: over the 12 every password needs, and easy to read out from a dialog. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** One half of an enrollment code (96 random bits), and how it is kept: its SHA-256 only. */
function enrollmentHalf(): string {
  return randomBytes(12).toString('base64url');
}

const CREATE_ACTIONS: Record<AccountReview, string> = {
  installation: 'user.create_installation',
  bootstrap_pair: 'user.create_bootstrap_pair',
  reviewed: 'user.create',
  immediate: 'user.create',
};

/**
 * Accounts, through the write pipeline. Every creation and every reset records who can act as the account from
 * then on (account_controls); a regulator waits for a person who cannot act as it nor as its creator.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /**
   * A new account, started as the review policy says. `via: 'cli'` is the CLI on the server: its operator
   * (`cli:<os-user>`) controls what it creates, and on a registry with an active regulator a new regulator waits.
   */
  async create(ctx: ActingContext, dto: CreateUserDto, options: { via?: 'api' | 'cli' } = {}): Promise<CreatedUserDto> {
    dto = { ...dto, organizationId: organizationOfNewAccount(ctx.actor, dto) ?? undefined };
    assertOrganizationMatchesRole(dto.role, dto.organizationId ?? null);
    // No password given: one generated, shown once, that its owner must change (its creator has seen it). An
    // enrollment gets a password nobody knows until its holder sets one with both halves of its code.
    const enrollHalf = dto.enroll ? enrollmentHalf() : null;
    const generated = dto.password === undefined && !enrollHalf ? oneTimePassword() : null;
    const passwordHash = await hashPassword(dto.password ?? generated ?? randomBytes(32).toString('base64url'));
    const via = options.via ?? 'api';
    return this.pipeline.run(ctx, {
      load: async (em) => {
        if (dto.organizationId) await this.organizations.mustFind(em, dto.organizationId);
        await this.users.lockAccounts(em);
        return this.parties.accounts(em);
      },
      apply: async (em, accounts) => {
        const review = reviewOfNewAccount(dto.role, accounts, via);
        if (enrollHalf) assertEnrollmentAllowed(dto.role, review, dto.password !== undefined);
        const status = initialAccountStatus(review);
        const user = await this.users.insert(em, {
          username: dto.username,
          passwordHash,
          role: dto.role,
          organizationId: dto.organizationId ?? null,
          status,
          createdBy: ctx.actor.id,
          passwordChangeRequired: generated !== null,
          enrollmentFirstHash: enrollHalf ? hashEnrollmentHalf(enrollHalf) : null,
        });
        // Its creator chose or saw the password: it can act as the account, for good (the installation's word
        // for the bootstrap pair is the one exception, recorded as such). An enrollment's creator holds a half.
        const installing = review === 'installation' || review === 'bootstrap_pair';
        const kind = enrollHalf ? 'enrollment_share' : installing ? 'installation' : 'created_with_password';
        await this.parties.recordControl(em, user.id, principalOf(ctx.actor), kind);
        if (bootstrapsRegistry(dto.role, status, accounts)) await this.parties.recordBootstrap(em, user.id, ctx.actor);
        if (status === 'pending') {
          // A plain UPDATE: the authors need the account's id and control fact, and must not move its version.
          user.reviewAuthors = await this.authorsNow(em, user, ctx);
          await this.users.setReviewAuthors(em, user.id, user.reviewAuthors);
        }
        const after = UserDto.from(user);
        const action = via === 'cli' && review !== 'installation' ? 'user.create_out_of_band' : CREATE_ACTIONS[review];
        const result: CreatedUserDto = {
          ...after,
          ...(generated ? { oneTimePassword: generated } : {}),
          ...(enrollHalf ? { enrollmentCode: enrollHalf } : {}),
        };
        return { result, audit: { action, entityType: 'user', entityId: user.id, after } };
      },
    });
  }

  /** Regulators see every account; an agency admin the agency admins of its own organization. */
  async list(ctx: RequestContext): Promise<UserDto[]> {
    const where =
      ctx.actor.role === 'regulator' ? {} : { role: 'agency_admin' as const, organizationId: ctx.actor.organizationId ?? undefined };
    return this.dataSource.transaction(async (em) => {
      const users = await this.users.list(em, where);
      const verdict = await this.parties.viewer(em, ctx.actor);
      return users
        .filter((u) => canSeeAccount(ctx.actor, u))
        .map((u) => {
          const dto = UserDto.from(u);
          return u.status === 'pending'
            ? { ...dto, fourEyes: verdict('approve_account', u.reviewAuthors, ctx.actor.role === 'regulator') }
            : dto;
        });
    });
  }

  /**
   * Changes an account's role, status or organization by the review policy: what would leave a new active
   * regulator makes the account pending, for a person who can act neither as it nor as whoever changed it; the
   * rest applies at once. The last active regulator cannot be disabled or demoted (nobody could review anything).
   */
  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.pipeline.run(ctx, {
      load: async (em) => {
        await this.users.lockAccounts(em);
        const user = await this.users.lock(em, id);
        const changedBy = user.statusChangedBy ? await this.users.find(em, user.statusChangedBy) : null;
        return { user, changedBy };
      },
      authorize: ({ user, changedBy }) => {
        assertMayChangeAccount(ctx.actor, user, dto, changedBy);
        assertVersion(user.version, dto.version);
        if (user.status === 'pending') {
          throw new DomainError('INVALID_TRANSITION', 'This account waits for approval; approve or reject it first');
        }
      },
      apply: async (em, { user }) => {
        const role = dto.role ?? user.role;
        const organizationId = dto.organizationId !== undefined ? dto.organizationId : role === 'agency_admin' ? user.organizationId : null;
        assertOrganizationMatchesRole(role, organizationId);
        if (organizationId) await this.organizations.mustFind(em, organizationId);
        const status =
          dto.status === undefined || dto.status === user.status
            ? user.status
            : nextAccountStatus(user.status, dto.status === 'disabled' ? 'disable' : 'enable');
        const wanted = { role, status };
        const leavesRegulators =
          user.role === 'regulator' && user.status === 'active' && (wanted.role !== 'regulator' || wanted.status !== 'active');
        if (leavesRegulators && (await this.users.activeRegulators(em)) <= 1) {
          throw new DomainError('INVALID_TRANSITION', 'The last active regulator cannot be disabled or demoted');
        }
        const review = reviewOfAccountChange(user, wanted);
        const before = UserDto.from(user);
        Object.assign(user, {
          role: wanted.role,
          organizationId,
          status: review === 'reviewed' ? 'pending' : wanted.status,
          statusChangedBy: ctx.actor.id,
        });
        if (review === 'reviewed') user.reviewAuthors = await this.authorsNow(em, user, ctx);
        const after = UserDto.from(await this.users.save(em, user));
        return { result: after, audit: { action: 'user.update', entityType: 'user', entityId: id, before, after } };
      },
    });
  }

  /**
   * A new one-time password, shown once to whoever reset it, who can from then on act as the account (recorded,
   * for good). The account must change it at its next sign-in, and every older token stops at once. Never one's
   * own; a regulator's only from the CLI on the server (whose operator then controls it).
   */
  async resetPassword(ctx: ActingContext, id: string, options: { via?: 'api' | 'cli' } = {}): Promise<OneTimePasswordDto> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.pipeline.run(ctx, {
      load: (em) => this.users.lock(em, id),
      authorize: (user) => assertMayResetPassword(ctx.actor, user, options.via === 'cli'),
      apply: async (em, user) => {
        const before = UserDto.from(user);
        const after = UserDto.from(await this.users.setCredentials(em, user, { passwordHash, passwordChangeRequired: true }));
        await this.parties.recordControl(em, user.id, principalOf(ctx.actor), 'reset_password');
        return {
          result: { user: after, oneTimePassword: password },
          audit: {
            action: options.via === 'cli' ? 'user.reset_password_out_of_band' : 'user.reset_password',
            entityType: 'user',
            entityId: id,
            before,
            after,
          },
        };
      },
    });
  }

  /**
   * Approves (pending → active) or refuses (pending → disabled) an account waiting for review. Approving an
   * enrollment hands the approver the second half of its code (shown once): it holds a share, as the creator does.
   */
  async decide(ctx: RequestContext, id: string, action: AccountAction, reason?: string): Promise<CreatedUserDto> {
    const trimmed = reason?.trim() || null;
    if (action === 'reject' && !trimmed) {
      throw new DomainError('VALIDATION_FAILED', 'A reason is required to reject an account', {
        fields: [{ field: 'reason', message: 'reason is required to reject' }],
      });
    }
    return this.pipeline.run(ctx, {
      load: async (em) => {
        await this.users.lockAccounts(em);
        const user = await this.users.lock(em, id);
        return { user, authors: action === 'approve' ? await this.authorsOf(em, user) : [] };
      },
      authorize: () => assertMayDecideAccount(ctx.actor),
      review: ({ authors }) => (action === 'approve' ? { step: 'approve_account', authors } : null),
      apply: async (em, { user }) => {
        const next = nextAccountStatus(user.status, action);
        const accounts = await this.parties.accounts(em);
        const before = UserDto.from(user);
        const secondHalf = action === 'approve' && user.enrollmentFirstHash && !user.enrollmentSecondHash ? enrollmentHalf() : null;
        if (secondHalf) {
          Object.assign(user, { enrollmentSecondHash: hashEnrollmentHalf(secondHalf), enrollmentExpiresAt: enrollmentExpiry(new Date()) });
          await this.parties.recordControl(em, user.id, principalOf(ctx.actor), 'enrollment_share');
        }
        Object.assign(user, { status: next, reviewAuthors: [] });
        const after = UserDto.from(await this.users.save(em, user));
        if (bootstrapsRegistry(user.role, next, accounts)) await this.parties.recordBootstrap(em, user.id, ctx.actor);
        return {
          result: secondHalf ? { ...after, enrollmentCode: secondHalf } : after,
          audit: { action: `user.${action}`, entityType: 'user', entityId: id, before, after: { ...after, reason: trimmed } },
        };
      },
    });
  }

  /** The account itself and whoever created, promoted or re-enabled it, frozen now. */
  private async authorsNow(em: EntityManager, user: User, ctx: ActingContext): Promise<Author[]> {
    return [await this.parties.authorUser(em, user.id, 'account'), await this.parties.author(em, ctx.actor, 'changed_account')];
  }

  /** A pending account from before authors were kept: its own and its changer's facts today (never "nobody"). */
  private async authorsOf(em: EntityManager, user: User): Promise<Author[]> {
    if (user.reviewAuthors.length > 0) return user.reviewAuthors;
    const changer = user.statusChangedBy ?? user.createdBy;
    return [
      await this.parties.authorUser(em, user.id, 'account'),
      ...(changer ? [await this.parties.authorUser(em, changer, 'changed_account')] : []),
    ];
  }
}

function assertOrganizationMatchesRole(role: string, organizationId: string | null): void {
  if ((role === 'agency_admin') !== Boolean(organizationId)) {
    throw new DomainError('VALIDATION_FAILED', 'organizationId is required for agency_admin and refused for other roles', {
      fields: [{ field: 'organizationId', message: 'required exactly when role is agency_admin' }],
    });
  }
}
