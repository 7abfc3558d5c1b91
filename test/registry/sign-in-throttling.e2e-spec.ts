import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { withEnv } from '../hardening/hardening-support';

/**
 * Throttling that strangers cannot turn against users: wrong secrets are counted per (username, client address)
 * and per address, with growing delays, never per username alone. The clients here are told apart by
 * X-Forwarded-For (TRUST_PROXY=true), as behind the compose file's nginx.
 */

let h: RegistryHarness;
const STRANGER = '203.0.113.7';
const HOLDER = '198.51.100.20';

const login = (username: string, password: string, from: string) =>
  h.http().post('/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

function expectLimited(res: Response): number {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  const wait = Number(res.headers['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  return wait;
}

/**
 * Guesses until the throttle answers 429 with at least `atLeast` seconds still to wait, so that a request sent
 * right after is surely inside the wait (the delays double, so this ends whatever the machine's speed; the bound
 * is generous); the statuses seen on the way.
 */
async function guessUntilDelayed(send: () => Promise<Response>, atLeast: number, boundMs = 60_000): Promise<number[]> {
  const statuses: number[] = [];
  const start = Date.now();
  while (Date.now() - start < boundMs) {
    const res = await send();
    statuses.push(res.status);
    if (res.status === 429 && Number(res.headers['retry-after']) >= atLeast) return statuses;
    if (res.status === 429) await new Promise((r) => setTimeout(r, 50)); // pace the retries while a short wait runs out
  }
  throw new Error(`no wait of ${atLeast} s within ${boundMs} ms: ${statuses.join(',')}`);
}

beforeAll(async () => {
  h = await withEnv({ TRUST_PROXY: 'true' }, () => RegistryHarness.start());
  await h.createUser('reg2', 'regulator');
});
afterAll(() => h?.stop());

describe('a stranger cannot keep a regulator signed out', () => {
  it('guessing reg2’s password from one address delays that address only: reg2 signs in from its own', async () => {
    const statuses = await guessUntilDelayed(() => login('reg2', 'guessing-password-1', STRANGER), 3);
    // Five wrong passwords are answered as such; then the waits start and grow.
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(statuses.length);

    // Even the right password waits, from the stranger's address: the throttle answers before the password is read.
    expectLimited(await login('reg2', 'reg2-password-123', STRANGER));
    // From the holder's own address the right password signs in at once.
    const own = await login('reg2', 'reg2-password-123', HOLDER);
    expect(own.status).toBe(200);
    expect(own.body.accessToken).toEqual(expect.any(String));

    // The delay was audited once, when it started (not on every refused try).
    const delayed = await h.ds.query(
      `SELECT after FROM audit_events WHERE action = 'auth.sign_in_delayed' AND after->>'subject' = 'user:reg2'`,
    );
    expect(delayed).toEqual([{ after: { scope: 'subject_address', subject: 'user:reg2', address: STRANGER, attempts: 5 } }]);
  });

  it('counts an IPv6 client by its /64: a fresh address in the same /64 waits too, another /64 does not', async () => {
    await guessUntilDelayed(() => login('reg2', 'guessing-password-1', '2001:db8:27:1::1'), 3);
    expectLimited(await login('reg2', 'reg2-password-123', '2001:db8:27:1::ffff'));
    expect((await login('reg2', 'reg2-password-123', '2001:db8:27:2::1')).status).toBe(200);
  });

  it('a user’s own typos cost it nothing once it signs in: the count starts again', async () => {
    const from = '198.51.100.30';
    for (let i = 0; i < 4; i++) expect((await login(ROOT.username, 'mistyped-password-1', from)).status).toBe(401);
    expect((await login(ROOT.username, ROOT.password, from)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(ROOT.username, 'mistyped-password-1', from)).status).toBe(401);
  });

  it('more than 30 sign-ins from one address within a minute are 429, whatever the usernames (the hashing cap)', async () => {
    const from = '192.0.2.44';
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await login(`spray.${i}`, 'guessing-password-1', from)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual([429, 429]);
    expectLimited(await login('reg2', 'reg2-password-123', from));
    // Another address is not affected.
    expect((await login('reg2', 'reg2-password-123', '192.0.2.45')).status).toBe(200);
  });
});

describe('change-password is throttled like a sign-in', () => {
  it('60 wrong current passwords with a stolen token hit 429 long before the 60th, and the right one then waits too', async () => {
    await h.createUser('victim.admin', 'auditor');
    const token = await h.token('victim.admin');
    const guess = (currentPassword: string) =>
      h
        .http()
        .post('/v1/auth/change-password')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', STRANGER)
        .send({ currentPassword, newPassword: 'attacker-chosen-password-1' });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await guess(`guess-number-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400));
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 400).length).toBeLessThan(20);
    // Refused before the password is checked: once a long wait has started, the right one is refused the same way.
    await guessUntilDelayed(() => guess('one-more-guess'), 3);
    expectLimited(await guess('victim.admin-password-123'));
    // And the password did not change: its holder still signs in with it (from its own address).
    expect((await login('victim.admin', 'victim.admin-password-123', HOLDER)).status).toBe(200);
  });
});
