import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DomainError } from '@app/domain';
import { limitBucket } from '@app/platform';

/**
 * A cap on sign-in requests per client address, right or wrong, so that one address cannot keep the server
 * hashing passwords. Wrong secrets are throttled by SignInLimiter (per username and address, and per address):
 * nothing here is per username, so nobody can keep a named user out.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  /** An IPv6 client by its /64, as every per-client limit counts (limitBucket). */
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return limitBucket(typeof req.ip === 'string' ? req.ip : 'unknown');
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('RATE_LIMITED', 'Too many sign-in requests from this address; try again later', { retryAfterSeconds: 60 });
  }
}
