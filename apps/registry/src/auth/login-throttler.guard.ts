import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { DomainError } from '@app/domain';

/**
 * Login throttling per client IP ('ip' throttler) and per username ('user' throttler), so that neither
 * one address guessing many accounts nor many addresses guessing one account get far.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name === 'user') {
      const body = props.context.switchToHttp().getRequest().body;
      const username = typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
      return super.handleRequest({ ...props, getTracker: async () => `user:${username}` });
    }
    return super.handleRequest(props);
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('RATE_LIMITED', 'Too many login attempts; try again later', { retryAfterSeconds: 60 });
  }
}
