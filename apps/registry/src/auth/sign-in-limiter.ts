import { Injectable } from '@nestjs/common';
import {
  afterAttempt,
  afterSuccess,
  DomainError,
  retryAfterSeconds,
  SIGN_IN_LIMITS,
  startsDelay,
  ThrottleScope,
  ThrottleState,
} from '@app/domain';
import { limitBucket } from '@app/platform';
import { WriteContext, WritePipeline } from '../pipeline/write-pipeline';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

/** An attempt taken at a secret; give it back with `succeeded` when the secret was right. */
export interface TakenAttempt {
  keys: Record<ThrottleScope, string>;
}

/**
 * Throttles every route that checks a secret (a password, an enrollment code, a one-time code) per (subject,
 * client address) and per address, by the domain's growing delays (sign-in-throttle.ts). A subject is what the
 * secret opens: `user:<username>` before sign-in, `account:<id>` after. The attempt is taken, in its own
 * transaction, before the secret is checked; the first delay of a key is audited (later refusals are not, so a
 * flood cannot fill the audit log).
 */
@Injectable()
export class SignInLimiter {
  constructor(
    private readonly pipeline: WritePipeline,
    private readonly throttles: SignInThrottleRepository,
  ) {}

  async take(subject: string, client: WriteContext): Promise<TakenAttempt> {
    // An IPv6 client is counted by its /64 (a host usually has a whole /64 to take fresh addresses from).
    const address = limitBucket(client.ip ?? 'unknown');
    const keys: Record<ThrottleScope, string> = {
      subject_address: `${subject.slice(0, 100)}|${address}`,
      address: `address|${address}`,
    };
    const scopes = Object.keys(keys) as ThrottleScope[];
    const now = new Date();
    await this.pipeline.run(client, {
      load: (em) => this.throttles.lock(em, Object.values(keys)),
      authorize: (states) => {
        const wait = Math.max(...scopes.map((s) => retryAfterSeconds(states.get(keys[s])!, SIGN_IN_LIMITS[s], now)));
        if (wait > 0) {
          throw new DomainError('RATE_LIMITED', 'Too many attempts; try again later', { retryAfterSeconds: wait });
        }
      },
      apply: async (em, states) => {
        const delayed: Partial<Record<ThrottleScope, number>> = {};
        for (const scope of scopes) {
          const next = afterAttempt(states.get(keys[scope])!, SIGN_IN_LIMITS[scope], now);
          await this.throttles.save(em, keys[scope], next);
          if (startsDelay(next.attempts, SIGN_IN_LIMITS[scope])) delayed[scope] = next.attempts;
        }
        await this.throttles.forgetOlderThan(em, SIGN_IN_LIMITS.subject_address.forgetAfterSeconds);
        const audit = Object.entries(delayed).map(([scope, attempts]) => ({
          action: 'auth.sign_in_delayed',
          entityType: 'user',
          entityId: null,
          after: { scope, subject: scope === 'address' ? null : subject.slice(0, 100), address, attempts },
        }));
        return { result: undefined, audit };
      },
    });
    return { keys };
  }

  /** The secret was right: the subject's count clears, and the address gets its attempt back. */
  async succeeded(attempt: TakenAttempt, client: WriteContext): Promise<void> {
    await this.pipeline.run(client, {
      load: (em) => this.throttles.lock(em, Object.values(attempt.keys)),
      apply: async (em, states) => {
        for (const scope of Object.keys(attempt.keys) as ThrottleScope[]) {
          const state: ThrottleState = states.get(attempt.keys[scope])!;
          await this.throttles.save(em, attempt.keys[scope], afterSuccess(state, scope));
        }
        return { result: undefined, audit: [] };
      },
    });
  }
}
