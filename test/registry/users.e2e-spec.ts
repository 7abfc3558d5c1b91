import request, { type Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Account management over HTTP: a generated one-time password, returned once, with which every route but the
 * password change answers PASSWORD_CHANGE_REQUIRED until it is changed; and the account decisions, a regulator's
 * routes. Resets and an agency admin's confinement to its own organization are the medium tier's:
 * test/medium/registry/users.medium-spec.ts.
 *
 * Login budget: 30 a minute for the file's one address; the comments count them.
 */

let h: RegistryHarness;
let orgA: string;
const ids: Record<string, string> = {};
let base: string;

function bearer(token: string) {
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(request(base).get(url)),
    post: (url: string) => auth(request(base).post(url)),
    patch: (url: string) => auth(request(base).patch(url)),
  };
}

function login(username: string, password: string): request.Test {
  return request(base).post('/v1/auth/login').send({ username, password });
}

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

async function user(id: string): Promise<{ id: string; version: number; status: string; organizationId: string | null }> {
  const [row] = await h.ds.query('SELECT id, version, status, organization_id AS "organizationId" FROM users WHERE id = $1', [id]);
  return row;
}

beforeAll(async () => {
  // Logins: root, reg2 (2).
  h = await RegistryHarness.start();
  // Listening once: supertest then neither opens nor closes the server per request.
  await h.app.listen(0, '127.0.0.1');
  base = (await h.app.getUrl()).replace('[::1]', '127.0.0.1');
  ids.reg2 = await h.createUser('reg2', 'regulator');
  orgA = await h.activeOrganization('ORG_A', 'Cơ quan A');
  ids.adminA = await h.createUser('a.admin', 'agency_admin', orgA);
  ids.peer = await h.createUser('a.peer', 'agency_admin', orgA);
});
afterAll(() => h?.stop());

describe('a generated one-time password', () => {
  const newPassword = 'a-new-password-of-my-own';
  let otp: string;

  it('is returned once when an account is created without a password, and must be changed first', async () => {
    // Logins: 3 (one-time), 4 (one-time again, refused), 5 (new).
    const root = await h.as(ROOT.username);
    const created = await root.post('/v1/users').send({ username: 'a.new', role: 'agency_admin', organizationId: orgA }).expect(201);
    expect(created.body).toMatchObject({ username: 'a.new', passwordChangeRequired: true, oneTimePassword: expect.any(String) });
    expect(created.body).not.toHaveProperty('passwordHash');
    otp = created.body.oneTimePassword;
    expect(otp.length).toBeGreaterThanOrEqual(12);
    expect((await root.get('/v1/users').expect(200)).body.find((u: { id: string }) => u.id === created.body.id)).not.toHaveProperty(
      'oneTimePassword',
    );

    const first = (await login('a.new', otp).expect(200)).body;
    expect(first.passwordChangeRequired).toBe(true);
    const temp = bearer(first.accessToken);
    expectError(await temp.get(`/v1/organizations/${orgA}`), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(await temp.get('/v1/users'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(await temp.post('/v1/users').send({ username: 'a.sneak', role: 'agency_admin' }), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await temp.get('/v1/auth/me').expect(200)).body).toMatchObject({ username: 'a.new', passwordChangeRequired: true });

    const wrong = await temp.post('/v1/auth/change-password').send({ currentPassword: 'not-the-password', newPassword });
    expectError(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.fields).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const same = await temp.post('/v1/auth/change-password').send({ currentPassword: otp, newPassword: otp });
    expectError(same, 400, 'VALIDATION_FAILED');
    expect(same.body.fields).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    // The rules of every account password (CreateUserDto's): 12 characters at least.
    expectError(await temp.post('/v1/auth/change-password').send({ currentPassword: otp, newPassword: 'short' }), 400, 'VALIDATION_FAILED');

    const changed = (await temp.post('/v1/auth/change-password').send({ currentPassword: otp, newPassword }).expect(200)).body;
    expect(changed).toMatchObject({ tokenType: 'Bearer', passwordChangeRequired: false, accessToken: expect.any(String) });
    expectError(await temp.get('/v1/auth/me'), 401, 'UNAUTHENTICATED'); // the one-time session is cut at once
    await bearer(changed.accessToken).get(`/v1/organizations/${orgA}`).expect(200);

    expectError(await login('a.new', otp), 401, 'UNAUTHENTICATED');
    expect((await login('a.new', newPassword).expect(200)).body.passwordChangeRequired).toBe(false);
  });

  it('never reaches the audit log, nor any password or hash', async () => {
    const events = await h.ds.query(`SELECT action, before::text AS b, after::text AS a FROM audit_events`);
    const text = JSON.stringify(events);
    for (const secret of [otp, newPassword, '$argon2', 'passwordHash', 'oneTimePassword']) expect(text).not.toContain(secret);
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['auth.change_password', 'auth.change_password_failed']),
    );
  });
});

describe('an agency admin', () => {
  it('cannot approve or reject an account: those routes are a regulator’s', async () => {
    const adminA = bearer(await h.token('a.admin')); // login 6
    const before = await user(ids.peer);
    expectError(await adminA.post(`/v1/users/${ids.peer}/approve`).send({}), 403, 'FORBIDDEN');
    expectError(await adminA.post(`/v1/users/${ids.peer}/reject`).send({ reason: 'thử' }), 403, 'FORBIDDEN');
    expect(await user(ids.peer)).toEqual(before);
  });
});
