/**
 * Throttling of everything that checks a secret (a password, an enrollment code, a one-time code), built so that a
 * stranger cannot turn it against the account's holder: attempts are counted per (subject, client address) and per
 * client address, never per subject alone, so guessing a regulator's password from one address delays only that
 * address; the holder still signs in from its own. Past a few free attempts each next one waits twice as long as
 * the last (growing delays, capped), rather than a hard lock. A success clears its (subject, address) count.
 *
 * A counted attempt is taken before the secret is checked (so that parallel guesses cannot all pass one check), and
 * given back when the secret was right.
 */

export type ThrottleScope = 'subject_address' | 'address';

export interface ThrottleLimits {
  /** Attempts without a delay. */
  free: number;
  /** The delay after the first attempt past `free`, doubled for each further one. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A count with no attempt for this long starts again from nothing. */
  forgetAfterSeconds: number;
  /**
   * Each this long without an attempt forgives one counted attempt (null: none until forgotten). An office's
   * address signs in every day, so it never has a whole quiet day: without this its typos would add up for good.
   */
  forgiveOneEverySeconds: number | null;
}

export const SIGN_IN_LIMITS: Record<ThrottleScope, ThrottleLimits> = {
  // The holder mistyping: five free tries, then 1 s, 2 s, 4 s … up to 15 minutes between tries.
  // (The holder's own success clears it.)
  subject_address: { free: 5, firstDelaySeconds: 1, maxDelaySeconds: 900, forgetAfterSeconds: 24 * 3600, forgiveOneEverySeconds: null },
  // One address spraying many usernames (an office behind one NAT still has room for its people's typos, and a
  // quiet night forgives them).
  address: { free: 50, firstDelaySeconds: 1, maxDelaySeconds: 900, forgetAfterSeconds: 24 * 3600, forgiveOneEverySeconds: 600 },
};

export interface ThrottleState {
  /** Attempts counted and not given back. */
  attempts: number;
  lastAttemptAt: Date | null;
}

export const NO_ATTEMPTS: ThrottleState = { attempts: 0, lastAttemptAt: null };

/** What a state is worth now: forgiven an attempt per quiet interval, forgotten after a quiet spell. */
function current(state: ThrottleState, limits: ThrottleLimits, now: Date): ThrottleState {
  if (!state.lastAttemptAt) return NO_ATTEMPTS;
  const quiet = (now.getTime() - state.lastAttemptAt.getTime()) / 1000;
  if (quiet >= limits.forgetAfterSeconds) return NO_ATTEMPTS;
  const forgiven = limits.forgiveOneEverySeconds ? Math.floor(Math.max(0, quiet) / limits.forgiveOneEverySeconds) : 0;
  return forgiven > 0 ? { attempts: Math.max(0, state.attempts - forgiven), lastAttemptAt: state.lastAttemptAt } : state;
}

/** The delay after the `attempts`-th attempt, in seconds: none before the `free`-th, then 1 s, 2 s, 4 s … */
export function delayAfter(attempts: number, limits: ThrottleLimits): number {
  const past = attempts - limits.free;
  if (past < 0) return 0;
  // 2^past without overflow: past the cap it stays at the cap.
  return past > 30 ? limits.maxDelaySeconds : Math.min(limits.maxDelaySeconds, limits.firstDelaySeconds * 2 ** past);
}

/** Seconds until the next attempt may be taken (0: now). */
export function retryAfterSeconds(state: ThrottleState, limits: ThrottleLimits, now: Date): number {
  const s = current(state, limits, now);
  if (!s.lastAttemptAt) return 0;
  const allowedAt = s.lastAttemptAt.getTime() + delayAfter(s.attempts, limits) * 1000;
  return Math.max(0, Math.ceil((allowedAt - now.getTime()) / 1000));
}

/** The state once an attempt is taken now (only when `retryAfterSeconds` said 0). */
export function afterAttempt(state: ThrottleState, limits: ThrottleLimits, now: Date): ThrottleState {
  return { attempts: current(state, limits, now).attempts + 1, lastAttemptAt: now };
}

/** The state once a taken attempt proved right: the subject's count clears; the address gets its attempt back. */
export function afterSuccess(state: ThrottleState, scope: ThrottleScope): ThrottleState {
  if (scope === 'subject_address') return NO_ATTEMPTS;
  return { attempts: Math.max(0, state.attempts - 1), lastAttemptAt: state.lastAttemptAt };
}

/** Whether an attempt that was just taken started a delay (audited once, not on every refused try). */
export function startsDelay(attemptsAfter: number, limits: ThrottleLimits): boolean {
  return attemptsAfter === limits.free;
}
