import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { LookupConfig } from '@app/platform';
import { CarrierDirectory } from '../feed/carrier-directory';
import { PerSecondRateLimiter } from './rate-limiter';

/** Carrier authentication (X-Api-Key) and the per-carrier rate limit, before any lookup work. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly limiter: PerSecondRateLimiter;

  constructor(
    private readonly carriers: CarrierDirectory,
    config: LookupConfig,
  ) {
    this.limiter = new PerSecondRateLimiter(config.LOOKUP_RATE_LIMIT_RPS);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const key: unknown = req.headers['x-api-key'];
    const carrier = typeof key === 'string' && key.length <= 256 ? this.carriers.identify(key) : undefined;
    if (!carrier) throw new DomainError('UNAUTHENTICATED', 'A valid X-Api-Key header is required');
    if (carrier.status !== 'active') throw new DomainError('CARRIER_SUSPENDED', `Carrier ${carrier.code} is suspended`);
    if (!this.limiter.take(carrier.code, Date.now())) {
      throw new DomainError('RATE_LIMITED', `Carrier ${carrier.code} is over its lookup rate limit`, { retryAfterSeconds: 1 });
    }
    req.carrier = carrier;
    req.raw.carrier = carrier; // for the request log line, written from the raw request
    return true;
  }
}
