import { Logger } from '@nestjs/common';

/**
 * The one way a service polls: rounds never overlap (the next is armed when one ends), the timer never keeps the
 * process alive, a failing round is retried on the next tick and logged once (and again when it recovers, with how
 * many rounds failed), and stop() waits for the round in progress, so shutdown never cuts a transaction in half.
 */
export class PeriodicJob<T = unknown> {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** The last round asked for; the next one starts after it settles. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A round asked for but not started yet: later callers share it instead of queueing another. */
  private queued: Promise<T> | null = null;
  private failedRounds = 0;

  constructor(
    readonly name: string,
    readonly everyMs: number,
    private readonly work: () => Promise<T>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /**
   * A round that starts after this call: at once if none is running, else right after the running one. Callers
   * arriving while it waits share it (a burst of notifications costs one round). Rejects with the round's error.
   */
  runNow(): Promise<T> {
    if (this.queued) return this.queued;
    const round = this.tail.then(() => {
      this.queued = null;
      return this.work();
    });
    this.queued = round;
    this.tail = round.catch(() => undefined);
    return round;
  }

  /** No new round starts; resolves when the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.runNow();
      if (this.failedRounds > 0) this.logger.log(`Recovered after ${this.failedRounds} failed round(s)`);
      this.failedRounds = 0;
    } catch (err) {
      // Once per outage: a database down for a minute must not write 600 identical lines.
      if (this.failedRounds++ === 0) this.logger.warn(`Round failed, retrying every ${this.everyMs} ms: ${(err as Error).message}`);
    } finally {
      this.arm();
    }
  }
}
