/**
 * A fixed one-second window per carrier, per instance: cheap enough for the hot path (one Map read and an
 * increment). `limit` 0 turns it off.
 */
export class PerSecondRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Counts `cost` requests for `key`; false when that goes over the limit in the current second. */
  take(key: string, now: number, cost = 1): boolean {
    if (this.limit === 0) return true;
    const second = Math.floor(now / 1000);
    if (second !== this.windowStart) {
      this.windowStart = second;
      this.counts.clear();
    }
    const used = (this.counts.get(key) ?? 0) + cost;
    this.counts.set(key, used);
    return used <= this.limit;
  }
}
