import {
  afterAttempt,
  afterSuccess,
  delayAfter,
  NO_ATTEMPTS,
  retryAfterSeconds,
  SIGN_IN_LIMITS,
  startsDelay,
  ThrottleState,
} from './sign-in-throttle';

const limits = SIGN_IN_LIMITS.subject_address;
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 8, 0, 0) + seconds * 1000);

/** `n` attempts one second apart, each taken only when allowed (the clock moves on to when it is). */
function attempts(n: number): { state: ThrottleState; clock: number } {
  let state = NO_ATTEMPTS;
  let clock = 0;
  for (let i = 0; i < n; i++) {
    clock += Math.max(1, retryAfterSeconds(state, limits, at(clock)));
    state = afterAttempt(state, limits, at(clock));
  }
  return { state, clock };
}

describe('sign-in throttle: growing delays, never a lock', () => {
  it('lets the first attempts through at once, then doubles the wait from 1 s up to the cap', () => {
    expect([0, 1, 4, 5, 6, 7, 8, 9].map((n) => delayAfter(n, limits))).toEqual([0, 0, 0, 1, 2, 4, 8, 16]);
    expect(delayAfter(15, limits)).toBe(limits.maxDelaySeconds);
    expect(delayAfter(10_000, limits)).toBe(limits.maxDelaySeconds);
  });

  it('asks the next attempt to wait what the last one started, and counts the wait down', () => {
    const { state, clock } = attempts(limits.free + 1); // the 5th started a 1 s delay, the 6th a 2 s one
    expect(retryAfterSeconds(state, limits, at(clock))).toBe(2);
    expect(retryAfterSeconds(state, limits, at(clock + 1))).toBe(1);
    expect(retryAfterSeconds(state, limits, at(clock + 2))).toBe(0);
  });

  it('never waits more than the cap, however many attempts', () => {
    const { state, clock } = attempts(40);
    expect(retryAfterSeconds(state, limits, at(clock))).toBe(limits.maxDelaySeconds);
  });

  it('forgets a count after a quiet spell', () => {
    const { state, clock } = attempts(12);
    expect(retryAfterSeconds(state, limits, at(clock + limits.forgetAfterSeconds))).toBe(0);
    expect(afterAttempt(state, limits, at(clock + limits.forgetAfterSeconds)).attempts).toBe(1);
  });

  it("forgives an address one attempt per quiet interval, so an office's daily typos do not add up for good", () => {
    const address = SIGN_IN_LIMITS.address;
    const every = address.forgiveOneEverySeconds!;
    let state = NO_ATTEMPTS;
    let clock = 0;
    // A working day of typos from one office, one every minute: past the free ones, each waits its delay.
    for (let i = 0; i < address.free + 3; i++) {
      clock += Math.max(60, retryAfterSeconds(state, address, at(clock)));
      state = afterAttempt(state, address, at(clock));
    }
    expect(retryAfterSeconds(state, address, at(clock + 1))).toBeGreaterThan(0);
    // A quiet night (12 h) forgives 72 attempts: the next morning starts free, though less than a day has passed.
    const morning = clock + 12 * 3600;
    expect(12 * 3600).toBeLessThan(address.forgetAfterSeconds);
    expect(retryAfterSeconds(state, address, at(morning))).toBe(0);
    expect(afterAttempt(state, address, at(morning)).attempts).toBe(1);
    // Part of an interval forgives nothing; each whole one forgives one.
    expect(afterAttempt(state, address, at(clock + every - 1)).attempts).toBe(state.attempts + 1);
    expect(afterAttempt(state, address, at(clock + 3 * every)).attempts).toBe(state.attempts - 3 + 1);
    // A person's (subject's) count is not forgiven by waiting: only its holder's success or a quiet day clears it.
    const { state: person, clock: personClock } = attempts(12);
    expect(afterAttempt(person, limits, at(personClock + 12 * 3600)).attempts).toBe(13);
  });

  it('clears a subject on success, and gives an address its one attempt back', () => {
    const { state } = attempts(4);
    expect(afterSuccess(state, 'subject_address')).toEqual(NO_ATTEMPTS);
    expect(afterSuccess(state, 'address').attempts).toBe(3);
    expect(afterSuccess(NO_ATTEMPTS, 'address').attempts).toBe(0);
  });

  it('says once when a delay starts (that attempt is audited, not every refusal after it)', () => {
    const started = Array.from({ length: 12 }, (_, i) => startsDelay(i + 1, limits));
    expect(started.filter(Boolean)).toHaveLength(1);
    expect(started.indexOf(true) + 1).toBe(limits.free);
  });

  it('leaves an address more room than one person: an office behind one address has many users', () => {
    expect(SIGN_IN_LIMITS.address.free).toBeGreaterThan(SIGN_IN_LIMITS.subject_address.free * 5);
  });
});
