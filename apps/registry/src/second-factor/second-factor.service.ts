import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountAction,
  assertMayDecideAccount,
  assertMayEnrollSecondFactor,
  assertMayRequestSecondFactorReset,
  assertSecondFactorResetPending,
  canSeeAccount,
  DomainError,
  isFreshStep,
  SecondFactorHolder,
} from '@app/domain';
import { SecondFactor, User } from '@app/database';
import type { RequestContext } from '../common/request-context';
import { PartiesRepository, principalOf } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { UsersRepository } from '../users/users.repository';
import { AccountSecondFactorDto, SecondFactorEnrollmentDto } from './dto/second-factor.dto';
import { SecondFactorRepository } from './second-factor.repository';
import { hashRecoveryCode, matchingStep, newRecoveryCodes, newTotpSecret, otpauthUrl } from './totp';

/** What a code proved: a fresh TOTP step, or one recovery code (spent). */
export type CodeMatch = { kind: 'totp'; step: number } | { kind: 'recovery_code'; remaining: string[] };

/**
 * Second factors: the holder enrols its own (the secret and recovery codes are shown once, to it), proves it with a
 * first code, and is asked for one at every sign-in; a reset waits for a second regulator, and whoever asked for it
 * can act as the account from then on.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly users: UsersRepository,
    private readonly factors: SecondFactorRepository,
  ) {}

  /** Whether the account has a confirmed second factor. */
  async isEnrolled(userId: string): Promise<boolean> {
    return Boolean((await this.factors.find(this.dataSource.manager, userId))?.confirmedAt);
  }

  /** What the sign-in rule needs of an account (secondFactorAtSignIn), read in the caller's transaction. */
  async holderOf(em: EntityManager, user: Pick<User, 'id' | 'role'>): Promise<SecondFactorHolder> {
    const factor = await this.factors.find(em, user.id);
    return {
      role: user.role,
      enrolled: Boolean(factor?.confirmedAt),
      organizationRequires: await this.factors.organizationRequires(em, user.id),
    };
  }

  /** The locked factor of an account, for a sign-in deciding inside its own transaction. */
  lockFactor(em: EntityManager, userId: string): Promise<SecondFactor | null> {
    return this.factors.find(em, userId, true);
  }

  /** Whether `code` proves the factor now: a TOTP code of a step not used before, or an unused recovery code. */
  match(factor: SecondFactor, code: string | undefined, now = Date.now()): CodeMatch | null {
    if (!code) return null;
    const trimmed = code.trim();
    const step = matchingStep(factor.secret, trimmed, now);
    if (step !== null) {
      return isFreshStep(step, factor.lastUsedStep === null ? null : Number(factor.lastUsedStep)) ? { kind: 'totp', step } : null;
    }
    const hash = hashRecoveryCode(trimmed);
    if (!factor.confirmedAt || !factor.recoveryCodeHashes.includes(hash)) return null;
    return { kind: 'recovery_code', remaining: factor.recoveryCodeHashes.filter((h) => h !== hash) };
  }

  /** Spends what a code proved (inside the sign-in's transaction). */
  async spend(em: EntityManager, factor: SecondFactor, match: CodeMatch): Promise<void> {
    if (match.kind === 'totp') await this.factors.useStep(em, factor.userId, match.step);
    else await this.factors.setRecoveryCodes(em, factor.userId, match.remaining);
  }

  /** A new secret and recovery codes for the signed-in holder, shown once; confirmed by its first code. */
  async enroll(ctx: RequestContext): Promise<SecondFactorEnrollmentDto> {
    const secret = newTotpSecret();
    const recoveryCodes = newRecoveryCodes();
    await this.pipeline.run(ctx, {
      load: (em) => this.factors.find(em, ctx.actor.id, true),
      authorize: (factor) => assertMayEnrollSecondFactor(Boolean(factor?.confirmedAt)),
      apply: async (em) => {
        await this.factors.startEnrollment(em, ctx.actor.id, secret, recoveryCodes.map(hashRecoveryCode));
        return {
          result: undefined,
          audit: {
            action: 'auth.second_factor_enroll',
            entityType: 'user',
            entityId: ctx.actor.id,
            after: { username: ctx.actor.username },
          },
        };
      },
    });
    return { secret, otpauthUrl: otpauthUrl(secret, ctx.actor.username), recoveryCodes };
  }

  /**
   * The holder's first code confirms its factor; every token issued before stops (the enrolment token among them).
   * A wrong code is audited and answers false (the caller refuses it, outside this transaction).
   */
  async confirm(ctx: RequestContext, code: string): Promise<User | null> {
    return this.pipeline.run(ctx, {
      load: (em) => this.factors.find(em, ctx.actor.id, true),
      authorize: (factor) => {
        if (!factor) throw new DomainError('INVALID_TRANSITION', 'Start an enrolment first (POST /v1/auth/totp/enroll)');
        assertMayEnrollSecondFactor(Boolean(factor.confirmedAt));
      },
      apply: async (em, factor) => {
        const step = matchingStep(factor!.secret, code.trim());
        const entity = { entityType: 'user', entityId: ctx.actor.id };
        if (step === null) {
          return { result: null, audit: { action: 'auth.second_factor_confirm_failed', ...entity, after: { reason: 'wrong_code' } } };
        }
        await this.factors.confirm(em, ctx.actor.id, step);
        const user = await this.users.bumpTokenVersion(em, ctx.actor.id);
        return { result: user, audit: { action: 'auth.second_factor_confirm', ...entity, after: { username: ctx.actor.username } } };
      },
    });
  }

  /** The second factors of the accounts the actor may see, with the reset waiting on each (and the actor's verdict). */
  async list(ctx: RequestContext): Promise<AccountSecondFactorDto[]> {
    return this.dataSource.transaction(async (em) => {
      const accounts = (await this.users.list(em, {})).filter((u) => canSeeAccount(ctx.actor, u));
      const factors = await this.factors.ofUsers(
        em,
        accounts.map((u) => u.id),
      );
      const verdict = await this.parties.viewer(em, ctx.actor);
      return accounts.map((u) => AccountSecondFactorDto.from(u.id, factors.get(u.id), verdict, ctx.actor.role === 'regulator'));
    });
  }

  /** A regulator asks to reset another account's factor: it can act as the account from then on (recorded). */
  async requestReset(ctx: RequestContext, userId: string): Promise<AccountSecondFactorDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.loadTarget(em, userId),
      authorize: ({ user, factor }) => assertMayRequestSecondFactorReset(ctx.actor, targetOf(user, factor)),
      apply: async (em, { user, factor }) => {
        await this.parties.recordControl(em, user.id, principalOf(ctx.actor), 'reset_second_factor');
        const authors = [
          await this.parties.authorUser(em, user.id, 'account'),
          await this.parties.author(em, ctx.actor, 'requested_second_factor_reset'),
        ];
        await this.factors.requestReset(em, user.id, ctx.actor.id, authors);
        Object.assign(factor!, { resetRequestedBy: ctx.actor.id, resetAuthors: authors });
        return {
          result: AccountSecondFactorDto.from(user.id, factor!),
          audit: { action: 'user.second_factor_reset_request', entityType: 'user', entityId: user.id, after: { username: user.username } },
        };
      },
    });
  }

  /** Approving removes the factor (its holder enrols a new one at its next sign-in) and stops every token. */
  async decideReset(ctx: RequestContext, userId: string, action: AccountAction, reason?: string): Promise<AccountSecondFactorDto> {
    if (action === 'reject' && !reason?.trim()) {
      throw new DomainError('VALIDATION_FAILED', 'A reason is required to refuse a reset', {
        fields: [{ field: 'reason', message: 'reason is required to reject' }],
      });
    }
    return this.pipeline.run(ctx, {
      load: (em) => this.loadTarget(em, userId),
      authorize: ({ user, factor }) => {
        assertMayDecideAccount(ctx.actor);
        assertSecondFactorResetPending(targetOf(user, factor));
      },
      review: ({ factor }) => (action === 'approve' ? { step: 'approve_second_factor_reset', authors: factor!.resetAuthors } : null),
      apply: async (em, { user, factor }) => {
        const after = { username: user.username, ...(reason?.trim() ? { reason: reason.trim() } : {}) };
        if (action === 'approve') {
          await this.factors.remove(em, user.id);
          await this.users.bumpTokenVersion(em, user.id);
        } else {
          await this.factors.clearReset(em, user.id);
        }
        return {
          result:
            action === 'approve'
              ? AccountSecondFactorDto.from(user.id, undefined)
              : AccountSecondFactorDto.from(user.id, { ...factor!, resetRequestedBy: null, resetAuthors: [] }),
          audit: { action: `user.second_factor_reset_${action}`, entityType: 'user', entityId: user.id, after },
        };
      },
    });
  }

  private async loadTarget(em: EntityManager, userId: string): Promise<{ user: User; factor: SecondFactor | null }> {
    const user = await this.users.lock(em, userId);
    return { user, factor: await this.factors.find(em, userId, true) };
  }
}

function targetOf(user: User, factor: SecondFactor | null) {
  return { id: user.id, role: user.role, enrolled: Boolean(factor?.confirmedAt), resetPending: Boolean(factor?.resetRequestedBy) };
}
