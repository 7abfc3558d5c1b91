import type { Response } from 'supertest';
import { totpCode } from '../../apps/registry/src/second-factor/totp';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * A second factor for those who decide (SECOND_FACTOR=required here, as in production): a regulator without one
 * gets no further than enrolling it; with one, the code is asked at every sign-in, a code counts once, a recovery
 * code once; resetting someone's is a reviewed change, and whoever asked for it can act as the account from then
 * on. Keeps the contract scripts are built against: 401 SECOND_FACTOR_REQUIRED, 403 SECOND_FACTOR_ENROLLMENT_REQUIRED,
 * POST /v1/auth/totp/enroll → {secret, otpauthUrl, recoveryCodes}, POST /v1/auth/totp/confirm → a full token.
 */

let h: RegistryHarness;
const STEP_MS = 30_000;

const login = (username: string, password: string, totp?: string) =>
  h
    .http()
    .post('/v1/auth/login')
    .send({ username, password, ...(totp !== undefined ? { totp } : {}) });
const bearer = (token: string) => ({
  get: (url: string) => h.http().get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string) => h.http().post(url).set('Authorization', `Bearer ${token}`),
});

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

/** An error body without its request id: two refusals that must not tell apart compare equal. */
const shape = (res: Response) => ({ status: res.status, body: { ...res.body, requestId: undefined } });

beforeAll(async () => {
  h = await withEnv({ SECOND_FACTOR: 'required' }, () => RegistryHarness.start());
});
afterAll(() => h?.stop());

describe('a regulator without a second factor', () => {
  let enrolmentToken: string;
  let secret: string;
  let recoveryCodes: string[];
  let fullToken: string;

  it('signs in only as far as enrolling: every other route is 403 SECOND_FACTOR_ENROLLMENT_REQUIRED', async () => {
    const res = await login(ROOT.username, ROOT.password).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ secondFactorEnrollmentRequired: true, tokenType: 'Bearer' }));
    enrolmentToken = res.body.accessToken;
    const as = bearer(enrolmentToken);
    expectError(await as.get('/v1/users'), 403, 'SECOND_FACTOR_ENROLLMENT_REQUIRED');
    expectError(
      await as.post('/v1/organizations').send({ code: 'X', name: 'Cơ quan X', kind: 'other' }),
      403,
      'SECOND_FACTOR_ENROLLMENT_REQUIRED',
    );
    expectError(await as.get('/v1/audit-events'), 403, 'SECOND_FACTOR_ENROLLMENT_REQUIRED');
    const me = await as.get('/v1/auth/me').expect(200);
    expect(me.body).toEqual(
      expect.objectContaining({ username: ROOT.username, secondFactorEnrollmentRequired: true, secondFactorEnrolled: false }),
    );
  });

  it('enrols: a secret, its otpauth URL and ten recovery codes, shown once; a wrong first code confirms nothing', async () => {
    const res = await bearer(enrolmentToken).post('/v1/auth/totp/enroll').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['otpauthUrl', 'recoveryCodes', 'secret']);
    ({ secret, recoveryCodes } = res.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(res.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]{32}/);
    expect(res.body.otpauthUrl).toContain('algorithm=SHA1&digits=6&period=30');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Nothing of the secret is kept in clear beside the account, nor the recovery codes at all.
    const [row] = await h.ds.query(`SELECT recovery_code_hashes::text AS hashes FROM second_factors`);
    for (const code of recoveryCodes) expect(row.hashes).not.toContain(code);

    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    expectError(await bearer(enrolmentToken).post('/v1/auth/totp/confirm').send({ totp: wrong }), 400, 'VALIDATION_FAILED');
  });

  it('confirms with a first code: a full token, and the enrolment token stops', async () => {
    const res = await bearer(enrolmentToken)
      .post('/v1/auth/totp/confirm')
      .send({ totp: totpCode(secret) })
      .expect(200);
    expect(res.body.secondFactorEnrollmentRequired).toBe(false);
    fullToken = res.body.accessToken;
    await bearer(fullToken).get('/v1/users').expect(200);
    expectError(await bearer(enrolmentToken).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    // A second enrolment does not replace a confirmed factor.
    expectError(await bearer(res.body.accessToken).post('/v1/auth/totp/enroll'), 409, 'INVALID_TRANSITION');
  });

  it('is asked for the code at every sign-in: missing and wrong get the same 401 SECOND_FACTOR_REQUIRED', async () => {
    const missing = await login(ROOT.username, ROOT.password);
    const wrong = await login(ROOT.username, ROOT.password, '000000');
    expectError(missing, 401, 'SECOND_FACTOR_REQUIRED');
    expect(shape(wrong)).toEqual(shape(missing));
    // A wrong password is still just a wrong password.
    expectError(await login(ROOT.username, 'not-the-password-1', totpCode(secret)), 401, 'UNAUTHENTICATED');
  });

  it('takes a code once: the same code again is refused (someone watched it typed)', async () => {
    // The next step's code (one step of drift is allowed): the confirmation spent this step's.
    const code = totpCode(secret, Date.now() + STEP_MS);
    await login(ROOT.username, ROOT.password, code).expect(200);
    expectError(await login(ROOT.username, ROOT.password, code), 401, 'SECOND_FACTOR_REQUIRED');
  });

  it('takes a recovery code in place of the code, once', async () => {
    const res = await login(ROOT.username, ROOT.password, recoveryCodes[3].toUpperCase()).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expectError(await login(ROOT.username, ROOT.password, recoveryCodes[3]), 401, 'SECOND_FACTOR_REQUIRED');
    const [event] = await h.ds.query(
      `SELECT after FROM audit_events WHERE action = 'auth.login' AND after->>'secondFactor' = 'recovery_code'`,
    );
    expect(event.after).toEqual({ username: ROOT.username, secondFactor: 'recovery_code', recoveryCodesLeft: 9 });
    // From here on the harness acts as root with its full token (sign-ins do not stop tokens), and knows its factor.
    const [row] = await h.ds.query(`SELECT last_used_step FROM second_factors WHERE secret = $1`, [secret]);
    h.adoptSecondFactor(ROOT.username, secret, Number(row.last_used_step), fullToken);
  });
});

describe('resetting a second factor is a reviewed change', () => {
  let reg3: string;

  beforeAll(async () => {
    // The harness enrols each account's factor at its first sign-in, as its holder would. reg2 is root's
    // bootstrap pair (a person of its own); reg3 is enrolled with a code whose halves root and reg2 hold.
    await h.createUser('reg2', 'regulator');
    reg3 = await h.createUser('reg3', 'regulator');
    await h.token('reg3');
  });

  it('a regulator asks; neither it nor the account may approve; a second regulator does, and the holder enrols again', async () => {
    const reg3Token = await h.token('reg3');
    const root = await h.as(ROOT.username);
    const asked = await root.post(`/v1/users/${reg3}/second-factor/reset`).expect(200);
    expect(asked.body).toEqual(expect.objectContaining({ userId: reg3, enrolled: true, resetRequestedBy: expect.any(String) }));

    const list = await root.get('/v1/users/second-factors').expect(200);
    const waiting = list.body.find((f: { userId: string }) => f.userId === reg3);
    // Asking made root able to act as reg3 (the account under review), so root is refused on that rule.
    expect(waiting.fourEyes).toEqual(
      expect.objectContaining({ allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'approver_controls_author' }),
    );
    expectError(await root.post(`/v1/users/${reg3}/second-factor/reset/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expectError(await (await h.as('reg3')).post(`/v1/users/${reg3}/second-factor/reset/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');

    const approved = await (await h.as('reg2')).post(`/v1/users/${reg3}/second-factor/reset/approve`).send({}).expect(200);
    expect(approved.body).toEqual({ userId: reg3, enrolled: false, resetRequestedBy: null });
    // Every token of the account stopped; its next sign-in (password only) is an enrolment again.
    expectError(await bearer(reg3Token).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    const again = await login('reg3', 'reg3-password-123').expect(200);
    expect(again.body.secondFactorEnrollmentRequired).toBe(true);
    h.forgetSecondFactor('reg3');
  });

  it('whoever asked for the reset can act as the account from then on: it no longer approves that account’s work', async () => {
    // reg3 (re-enrolled by its holder) proposes a regulator; root asked for reg3's reset, so root may not approve it.
    const proposed = await (await h.as('reg3')).post('/v1/users').send({ username: 'reg4', role: 'regulator', enroll: true }).expect(201);
    expect(proposed.body.status).toBe('pending');
    const refused = await (await h.as(ROOT.username)).post(`/v1/users/${proposed.body.id}/approve`).send({});
    expectError(refused, 403, 'FOUR_EYES_REQUIRED');
    expect(refused.body.rule).toBe('approver_controls_author');
    await (await h.as('reg2')).post(`/v1/users/${proposed.body.id}/approve`).send({}).expect(200);
  });

  it('only regulators ask, never for their own factor, and a refused reset leaves the factor', async () => {
    const root = await h.as(ROOT.username);
    const rootId = (await root.get('/v1/auth/me').expect(200)).body.id;
    expectError(await root.post(`/v1/users/${rootId}/second-factor/reset`), 403, 'FORBIDDEN');
    await root.post(`/v1/users/${reg3}/second-factor/reset`).expect(200);
    expectError(await root.post(`/v1/users/${reg3}/second-factor/reset`), 409, 'INVALID_TRANSITION');
    expectError(await root.post(`/v1/users/${reg3}/second-factor/reset/reject`).send({}), 400, 'VALIDATION_FAILED');
    const kept = await root.post(`/v1/users/${reg3}/second-factor/reset/reject`).send({ reason: 'Không mất điện thoại' }).expect(200);
    expect(kept.body).toEqual({ userId: reg3, enrolled: true, resetRequestedBy: null });
    // reg3 still signs in with its factor.
    h.forgetToken('reg3');
    await (await h.as('reg3')).get('/v1/auth/me').expect(200);
  });
});

describe('agency admins may opt in', () => {
  it('an agency admin signs in without a factor, enrols one, and is asked for it from then on', async () => {
    const org = await h.activeOrganization('OPT_IN', 'Cơ quan tự chọn');
    await h.createUser('opt.admin', 'agency_admin', org);
    const first = await login('opt.admin', 'opt.admin-password-123').expect(200);
    expect(first.body.secondFactorEnrollmentRequired).toBe(false);
    const enrolled = await h.enrollSecondFactor('opt.admin', first.body.accessToken);
    await bearer(enrolled).get('/v1/auth/me').expect(200);
    expectError(await login('opt.admin', 'opt.admin-password-123'), 401, 'SECOND_FACTOR_REQUIRED');
    await login('opt.admin', 'opt.admin-password-123', h.secondFactorCode('opt.admin')).expect(200);
  });
});

describe('an organization may require it of its agency admins', () => {
  it('requiring applies at once; lifting it waits for a second regulator', async () => {
    const org = await h.activeOrganization('REQ_2FA', 'Cơ quan bắt buộc xác thực hai bước');
    await h.createUser('req.admin', 'agency_admin', org);
    const root = await h.as(ROOT.username);
    const read = async () => (await root.get(`/v1/organizations/${org}`).expect(200)).body;

    const required = await root
      .patch(`/v1/organizations/${org}`)
      .send({ version: (await read()).version, secondFactorRequired: true })
      .expect(200);
    expect(required.body.secondFactorRequired).toBe(true);
    expect((await login('req.admin', 'req.admin-password-123').expect(200)).body.secondFactorEnrollmentRequired).toBe(true);

    const lifted = await root
      .patch(`/v1/organizations/${org}`)
      .send({ version: (await read()).version, secondFactorRequired: false })
      .expect(200);
    expect(lifted.body.secondFactorRequired).toBe(true);
    expect(lifted.body.pendingRevision.changes).toEqual({ secondFactorRequired: false });
    expectError(await root.post(`/v1/organizations/${org}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    await (await h.as('reg2')).post(`/v1/organizations/${org}/revision/approve`).send({}).expect(200);
    expect((await read()).secondFactorRequired).toBe(false);
    expect((await login('req.admin', 'req.admin-password-123').expect(200)).body.secondFactorEnrollmentRequired).toBe(false);
  });
});
