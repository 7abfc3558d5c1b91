import { Injectable } from '@nestjs/common';
import {
  DomainError,
  invalidNumberError,
  LookupIndex,
  PublicCheckAnswer,
  publicCheckAnswer,
  SlidingWindowLimiter,
  tryParsePhoneNumber,
} from '@app/domain';
import { limitBucket, LookupConfig } from '@app/platform';

/**
 * The citizens' check: from the in-memory index only (it answers while the database is away), limited per client
 * (an IPv4 address, or an IPv6 /64: limitBucket), since it needs no key.
 */
@Injectable()
export class PublicCheckService {
  private readonly limiter: SlidingWindowLimiter;

  constructor(
    private readonly index: LookupIndex,
    config: LookupConfig,
  ) {
    this.limiter = new SlidingWindowLimiter(config.PUBLIC_CHECK_RATE_PER_MIN, 60_000);
  }

  check(input: string, client: string): PublicCheckAnswer {
    const now = Date.now();
    const retryAfterSeconds = this.limiter.take(limitBucket(client), now);
    if (retryAfterSeconds > 0) {
      throw new DomainError('RATE_LIMITED', 'Too many checks from this address; retry later', { retryAfterSeconds });
    }
    const e164 = this.index.registeredKey(input) ?? tryParsePhoneNumber(this.index.plainKey(input) ?? input)?.e164;
    if (e164 === undefined) throw invalidNumberError(input);
    return publicCheckAnswer(e164, this.index.get(e164), now);
  }
}
