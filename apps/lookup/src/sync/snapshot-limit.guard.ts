import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { LookupConfig } from '@app/platform';
import { WindowRateLimiter } from '../lookup/rate-limiter';

/**
 * Snapshots per carrier per minute: a snapshot streams the whole registry (a million lines), so a carrier
 * looping on it would cost as much as millions of lookups. Runs after ApiKeyGuard, which names the carrier.
 */
@Injectable()
export class SnapshotLimitGuard implements CanActivate {
  private readonly limiter: WindowRateLimiter;

  constructor(config: LookupConfig) {
    this.limiter = new WindowRateLimiter(config.LOOKUP_SNAPSHOTS_PER_MIN, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const carrier: { code: string } | undefined = context.switchToHttp().getRequest().carrier;
    const now = Date.now();
    if (carrier && !this.limiter.take(carrier.code, now)) {
      throw new DomainError('RATE_LIMITED', `Carrier ${carrier.code} is over its snapshot limit; follow /v1/sync/changes instead`, {
        retryAfterSeconds: this.limiter.retryAfterSeconds(now),
      });
    }
    return true;
  }
}
