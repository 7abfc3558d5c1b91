import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import {
  AccountAction,
  assertMayChangeAccount,
  assertMayResetPassword,
  canSeeAccount,
  DomainError,
  initialAccountStatus,
  nextAccountStatus,
  reviewOfAccountChange,
  reviewOfNewAccount,
  organizationOfNewAccount,
} from '@app/domain';
import { Organization, User } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { setCredentials } from '../auth/credentials';
import { hashPassword } from '../auth/password-hasher';
import { uniqueViolation } from '../common/db-errors';
import { checkFourEyes } from '../common/four-eyes';
import { assertVersion, lockRow } from '../common/locking';
import type { ActingContext, RequestContext } from '../common/request-context';
import { CreatedUserDto, CreateUserDto, OneTimePasswordDto, UpdateUserDto, UserDto } from './dto/user.dto';

// Serialises account creation with the count of regulator accounts it depends on (the bootstrap pair is one).
const ACCOUNTS_LOCK = 7_428_104;

/** 16 characters of 96 random bits: over the 12 every password needs, and easy to read out from a dialog. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

const CREATE_ACTIONS = {
  reviewed: 'user.create',
  immediate: 'user.create',
  bootstrap_pair: 'user.create_bootstrap_pair',
  out_of_band: 'user.create_out_of_band',
} as const;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * A new account, started as the review policy says: a regulator waits for a second regulator (but for the
   * bootstrap pair and the CLI on the server, both audited as such). `outOfBand` is for the CLI only.
   */
  async create(ctx: ActingContext, dto: CreateUserDto, options: { outOfBand?: boolean } = {}): Promise<CreatedUserDto> {
    dto = { ...dto, organizationId: organizationOfNewAccount(ctx.actor, dto) ?? undefined };
    if ((dto.role === 'agency_admin') !== Boolean(dto.organizationId)) {
      throw new DomainError('VALIDATION_FAILED', 'organizationId is required for agency_admin and refused for other roles', {
        fields: [{ field: 'organizationId', message: 'required exactly when role is agency_admin' }],
      });
    }
    // No password given: one generated, shown once, that its owner must change (its creator has seen it).
    const generated = dto.password === undefined ? oneTimePassword() : null;
    const passwordHash = await hashPassword(dto.password ?? generated!);
    return this.dataSource.transaction(async (em) => {
      if (dto.organizationId && !(await em.existsBy(Organization, { id: dto.organizationId }))) {
        throw new DomainError('NOT_FOUND', 'No such organization');
      }
      await em.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
      const regulatorAccounts = await em.countBy(User, { role: 'regulator' });
      const review = reviewOfNewAccount(dto.role, regulatorAccounts, options.outOfBand ?? false);
      try {
        const user = await em.save(
          em.create(User, {
            username: dto.username,
            passwordHash,
            role: dto.role,
            organizationId: dto.organizationId ?? null,
            status: initialAccountStatus(review),
            createdBy: ctx.actor.id,
            passwordChangeRequired: generated !== null,
          }),
        );
        const after = UserDto.from(user);
        await this.audit.record(em, ctx, { action: CREATE_ACTIONS[review], entityType: 'user', entityId: user.id, after });
        return generated ? { ...after, oneTimePassword: generated } : after;
      } catch (err) {
        if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_USERNAME', `Username ${dto.username} is taken`);
        throw err;
      }
    });
  }

  /** Regulators see every account; an agency admin the agency admins of its own organization. */
  async list(ctx: RequestContext): Promise<UserDto[]> {
    const where =
      ctx.actor.role === 'regulator' ? {} : { role: 'agency_admin' as const, organizationId: ctx.actor.organizationId ?? undefined };
    const users = await this.dataSource.getRepository(User).find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
    return users.filter((u) => canSeeAccount(ctx.actor, u)).map(UserDto.from);
  }

  /**
   * Changes an account's role, status or organization by the review policy: what would leave a new active
   * regulator makes the account pending, for a regulator other than the one who changed it; the rest applies at
   * once. The last active regulator cannot be disabled or demoted (nobody could review anything after).
   */
  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
      const user = await lockRow(em, User, id, 'user');
      const changedBy = user.statusChangedBy ? await em.findOneBy(User, { id: user.statusChangedBy }) : null;
      assertMayChangeAccount(ctx.actor, user, dto, changedBy);
      assertVersion(user.version, dto.version);
      if (user.status === 'pending') {
        throw new DomainError('INVALID_TRANSITION', 'This account waits for approval; approve or reject it first');
      }
      const role = dto.role ?? user.role;
      const organizationId = dto.organizationId !== undefined ? dto.organizationId : role === 'agency_admin' ? user.organizationId : null;
      if ((role === 'agency_admin') !== Boolean(organizationId)) {
        throw new DomainError('VALIDATION_FAILED', 'organizationId is required for agency_admin and refused for other roles', {
          fields: [{ field: 'organizationId', message: 'required exactly when role is agency_admin' }],
        });
      }
      if (organizationId && !(await em.existsBy(Organization, { id: organizationId })))
        throw new DomainError('NOT_FOUND', 'No such organization');
      const status =
        dto.status === undefined || dto.status === user.status
          ? user.status
          : nextAccountStatus(user.status, dto.status === 'disabled' ? 'disable' : 'enable');
      const wanted = { role, status };
      const leavesRegulators =
        user.role === 'regulator' && user.status === 'active' && (wanted.role !== 'regulator' || wanted.status !== 'active');
      if (leavesRegulators && (await em.countBy(User, { role: 'regulator', status: 'active' })) <= 1) {
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
      const after = UserDto.from(await em.save(user));
      await this.audit.record(em, ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
      return after;
    });
  }

  /**
   * A new one-time password, shown once to whoever reset it; the account must change it at its next sign-in, and
   * every token issued before stops at once (the token version moves on). Never one's own, never a regulator's
   * but out of band (the CLI).
   */
  async resetPassword(ctx: ActingContext, id: string, options: { outOfBand?: boolean } = {}): Promise<OneTimePasswordDto> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (em) => {
      const user = await lockRow(em, User, id, 'user');
      assertMayResetPassword(ctx.actor, user, options.outOfBand ?? false);
      const before = UserDto.from(user);
      const after = UserDto.from(await setCredentials(em, user, { passwordHash, passwordChangeRequired: true }));
      await this.audit.record(em, ctx, {
        action: options.outOfBand ? 'user.reset_password_out_of_band' : 'user.reset_password',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return { user: after, oneTimePassword: password };
    });
  }

  /** Approves (pending → active) or refuses (pending → disabled) a new regulator account; never by its creator. */
  async decide(ctx: RequestContext, id: string, action: AccountAction, reason?: string): Promise<UserDto> {
    const trimmed = reason?.trim() || null;
    if (action === 'reject' && !trimmed) {
      throw new DomainError('VALIDATION_FAILED', 'A reason is required to reject an account', {
        fields: [{ field: 'reason', message: 'reason is required to reject' }],
      });
    }
    return this.dataSource.transaction(async (em) => {
      const user = await lockRow(em, User, id, 'user');
      const next = nextAccountStatus(user.status, action);
      // Neither the account itself, nor who created it, nor who promoted or re-enabled it.
      const barred = [user.id, user.createdBy, user.statusChangedBy].filter((x): x is string => x !== null);
      if (action === 'approve') await checkFourEyes(em, ctx.actor.id, [...new Set(barred)]);
      const before = UserDto.from(user);
      user.status = next;
      const after = UserDto.from(await em.save(user));
      await this.audit.record(em, ctx, {
        action: `user.${action}`,
        entityType: 'user',
        entityId: id,
        before,
        after: { ...after, reason: trimmed },
      });
      return after;
    });
  }
}
