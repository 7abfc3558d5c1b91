import { SIGN_IN_LIMITS } from '@app/domain';
import { SignInLimiter } from '../../../apps/registry/src/auth/sign-in-limiter';
import { refused } from '../support/expect-refusal';
import { MediumRegistry } from '../support/medium-registry';
import { Space } from '../support/space';

/**
 * The sign-in throttle on the real database: an attempt is taken before the secret is checked, under a row lock,
 * so guesses sent in parallel cannot all pass one check; per (subject, address) and per address only.
 * (The routes it guards and their answers: test/registry/sign-in-throttling.e2e-spec.ts.)
 */

let r: MediumRegistry;
let s: Space;
const limiter = () => r.get(SignInLimiter);
const from = (ip: string) => ({ actor: null, requestId: 'sign-in-medium', ip });
/** Client addresses of this file's own (its space number in them). */
const addr = (k: number) => `10.${Math.floor(s.n / 100)}.${s.n % 100}.${k}`;

beforeAll(async () => {
  r = await MediumRegistry.start();
  s = await Space.claim(r);
});

describe('sign-in throttle', () => {
  it('lets through only the free attempts of 30 guesses sent at once for one subject from one address', async () => {
    const subject = `user:${s.username('parallel')}`;
    const address = addr(1);
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => limiter().take(subject, from(address))));
    const taken = outcomes.filter((o) => o.status === 'fulfilled').length;
    // The free ones, and at most two more if the machine is slow enough for the first short waits to run out.
    expect(taken).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.subject_address.free);
    expect(taken).toBeLessThanOrEqual(SIGN_IN_LIMITS.subject_address.free + 2);
    for (const o of outcomes) {
      if (o.status === 'rejected')
        expect(o.reason).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    }
    // The same subject from another address is not held back.
    await limiter().take(subject, from(addr(2)));
  });

  it('holds back one address trying many subjects, and not the subjects from elsewhere', async () => {
    const address = addr(3);
    const free = SIGN_IN_LIMITS.address.free;
    for (let i = 0; i < free; i++) await limiter().take(`user:${s.username(`spray${i}`)}`, from(address));
    await refused(limiter().take(`user:${s.username('spray-next')}`, from(address)), 429, 'RATE_LIMITED');
    await limiter().take(`user:${s.username('spray-next')}`, from(addr(4)));
  });

  it('gives back the attempt of a right secret: a holder signing in every day is never held back', async () => {
    const subject = `user:${s.username('daily')}`;
    const address = addr(5);
    for (let i = 0; i < SIGN_IN_LIMITS.subject_address.free * 3; i++) {
      const attempt = await limiter().take(subject, from(address));
      await limiter().succeeded(attempt, from(address));
    }
    const [row] = await r.ds.query(`SELECT attempts FROM sign_in_throttles WHERE key = $1`, [`address|${address}`]);
    expect(row.attempts).toBe(0);
  });
});
