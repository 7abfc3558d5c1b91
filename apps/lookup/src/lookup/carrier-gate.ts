import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { LookupConfig } from '@app/platform';
import { CarrierDirectory, CarrierIdentity } from '../feed/carrier-directory';
import { PerSecondRateLimiter } from './rate-limiter';

/** Carrier authentication (X-Api-Key) and the per-carrier rate limit: the same rule for every carrier route. */
@Injectable()
export class CarrierGate {
  private readonly limiter: PerSecondRateLimiter;

  constructor(
    private readonly carriers: CarrierDirectory,
    config: LookupConfig,
  ) {
    this.limiter = new PerSecondRateLimiter(config.LOOKUP_RATE_LIMIT_RPS);
  }

  /**
   * The carrier a presented key belongs to, once it may look up `cost` more numbers (a batch of n costs n);
   * a DomainError otherwise.
   */
  admit(apiKey: unknown, now: number, cost = 1): CarrierIdentity {
    const carrier = typeof apiKey === 'string' && apiKey.length <= 256 ? this.carriers.identify(apiKey) : undefined;
    if (!carrier) throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    if (carrier.status !== 'active') throw new DomainError('CARRIER_SUSPENDED', `Carrier ${carrier.code} is suspended`);
    if (!this.limiter.take(carrier.code, now, cost)) {
      throw new DomainError('RATE_LIMITED', `Carrier ${carrier.code} is over its lookup rate limit`, { retryAfterSeconds: 1 });
    }
    return carrier;
  }
}
