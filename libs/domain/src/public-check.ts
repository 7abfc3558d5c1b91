import { ANSWER, classifyLookup, CompiledEntry } from './lookup-entry';

/** What a citizen may learn about a number: only what a handset would show. */
export type PublicCheckAnswer =
  | {
      number: string;
      registered: true;
      organization: { code: string; name: string };
      display: { label: string; name: string };
      status: 'active' | 'suspended';
      /** Present (true) for a number that only receives calls: a call showing it is spoofed. */
      inboundOnly?: true;
    }
  | { number: string; registered: false };

/**
 * The public check of a number at `now`, from its compiled entry (undefined: not in the index). Registered means
 * the registry vouches for the number now: inside its validity, and for an active number before its label
 * expires. Whitelisted fields only: never origins, evidence, people or counts.
 */
export function publicCheckAnswer(e164: string, compiled: CompiledEntry | undefined, now: number): PublicCheckAnswer {
  const kind = classifyLookup(compiled, now);
  if (kind === ANSWER.unregistered || !compiled) return { number: e164, registered: false };
  const { display, organization, state, direction } = compiled.entry;
  if (!display || !organization) return { number: e164, registered: false };
  if (state === 'active' && now >= compiled.labelExpiresAt) return { number: e164, registered: false };
  return {
    number: e164,
    registered: true,
    organization: { code: organization.code, name: organization.name },
    display: { label: display.label, name: display.name },
    status: state,
    ...(direction === 'inbound_only' ? { inboundOnly: true as const } : {}),
  };
}

/**
 * At most `limit` events per key in any `windowMs` (a sliding log, so "the 31st in a minute" is refused whatever
 * the clock's minute): each key keeps its last `limit` times. Keys idle for a window are swept when the map grows,
 * so memory follows the addresses seen in one window. `limit` 0 turns it off.
 */
export class SlidingWindowLimiter {
  private times = new Map<string, number[]>();
  private sweepAt: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly sweepSize = 10_000,
  ) {
    this.sweepAt = sweepSize;
  }

  /** Records one event for `key` at `now`; the seconds to wait (Retry-After) when it is over the limit, else 0. */
  take(key: string, now: number): number {
    if (this.limit === 0) return 0;
    let log = this.times.get(key);
    if (!log) {
      if (this.times.size >= this.sweepAt) this.sweep(now);
      this.times.set(key, (log = []));
    }
    while (log.length && log[0] <= now - this.windowMs) log.shift();
    if (log.length >= this.limit) return Math.max(1, Math.ceil((log[0] + this.windowMs - now) / 1000));
    log.push(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, log] of this.times) if (!log.length || log[log.length - 1] <= now - this.windowMs) this.times.delete(key);
    this.sweepAt = Math.max(this.sweepSize, this.times.size * 2);
  }
}
