import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DomainError } from '@app/domain';

/**
 * A cap on sign-in requests per client address, right or wrong, so that one address cannot keep the server
 * hashing passwords. Wrong secrets are throttled by SignInLimiter (per username and address, and per address):
 * nothing here is per username, so nobody can keep a named user out.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('RATE_LIMITED', 'Too many sign-in requests from this address; try again later', { retryAfterSeconds: 60 });
  }
}
