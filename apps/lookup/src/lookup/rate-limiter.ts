/**
 * A fixed window per key (a carrier), per instance: cheap enough for the hot path (one Map read and an
 * increment). `limit` 0 turns it off.
 */
export class WindowRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts `cost` units for `key`; false when that goes over the limit in the current window. */
  take(key: string, now: number, cost = 1): boolean {
    if (this.limit === 0) return true;
    const window = Math.floor(now / this.windowMs);
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.counts.clear();
    }
    const used = (this.counts.get(key) ?? 0) + cost;
    this.counts.set(key, used);
    return used <= this.limit;
  }

  /** Whole seconds until the current window ends, for Retry-After. */
  retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((this.windowMs - (now % this.windowMs)) / 1000));
  }
}

/** Lookups per carrier per second: a batch of n numbers costs n. */
export class PerSecondRateLimiter extends WindowRateLimiter {
  constructor(limit: number) {
    super(limit, 1000);
  }
}
