import request, { type Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Account management by real operators: one-time passwords that must be changed first, resets and changes
 * that cut older tokens at once, and an agency admin confined to the agency admins of its own organization,
 * with the attacks an insider would try written out.
 *
 * Login budget: 30 a minute for the file's one address; the comments count them.
 */

type Client = ReturnType<typeof bearer>;

let h: RegistryHarness;
let orgA: string;
let orgB: string;
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
  orgB = await h.activeOrganization('ORG_B', 'Cơ quan B');
  ids.adminA = await h.createUser('a.admin', 'agency_admin', orgA);
  ids.peer = await h.createUser('a.peer', 'agency_admin', orgA);
  ids.adminB = await h.createUser('b.admin', 'agency_admin', orgB);
  ids.auditor = await h.createUser('auditor', 'auditor');
  [{ id: ids.root }] = await h.ds.query(`SELECT id FROM users WHERE username = $1`, [ROOT.username]);
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

describe('a reset', () => {
  it('gives a one-time password, cuts every older token at once and makes the user change it', async () => {
    // Logins: 6 (a.peer), 7 (one-time), 8 (old password, refused).
    const peer = bearer(await h.token('a.peer'));
    await peer.get('/v1/auth/me').expect(200);
    const root = await h.as(ROOT.username);
    const { version } = await user(ids.peer);
    const reset = (await root.post(`/v1/users/${ids.peer}/reset-password`).expect(200)).body;
    expect(reset).toMatchObject({ user: { id: ids.peer, passwordChangeRequired: true }, oneTimePassword: expect.any(String) });
    // The version guards role, status and organization: a manager's disable read before the reset still applies.
    expect(reset.user.version).toBe(version);
    expect(reset.user).not.toHaveProperty('passwordHash');
    expectError(await peer.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await login('a.peer', 'a.peer-password-123'), 401, 'UNAUTHENTICATED');
    const first = (await login('a.peer', reset.oneTimePassword).expect(200)).body;
    expect(first.passwordChangeRequired).toBe(true);
    await bearer(first.accessToken)
      .post('/v1/auth/change-password')
      .send({ currentPassword: reset.oneTimePassword, newPassword: 'a.peer-password-123' })
      .expect(200);
    h.forgetTokens();
    const [event] = await h.ds.query(`SELECT after::text AS a FROM audit_events WHERE action = 'user.reset_password' AND entity_id = $1`, [
      ids.peer,
    ]);
    expect(event.a).not.toContain(reset.oneTimePassword);
  });

  it('is never of one’s own account, and never of a regulator’s through the API (one regulator would become two)', async () => {
    const root = await h.as(ROOT.username); // login 9
    expectError(await root.post(`/v1/users/${ids.root}/reset-password`), 403, 'FORBIDDEN');
    expectError(await root.post(`/v1/users/${ids.reg2}/reset-password`), 403, 'FORBIDDEN');
    await root.post(`/v1/users/${ids.auditor}/reset-password`).expect(200);
    expectError(await root.post(`/v1/users/00000000-0000-4000-8000-000000000000/reset-password`), 404, 'NOT_FOUND');
  });
});

describe('an agency admin', () => {
  let adminA: Client;
  beforeAll(async () => {
    adminA = bearer(await h.token('a.admin')); // login 10
  });

  it('lists only the agency admins of its own organization', async () => {
    const listed = (await adminA.get('/v1/users').expect(200)).body as Array<{ username: string; organizationId: string; role: string }>;
    expect(listed.map((u) => u.username).sort()).toEqual(['a.admin', 'a.new', 'a.peer']);
    expect(listed.every((u) => u.role === 'agency_admin' && u.organizationId === orgA)).toBe(true);
  });

  it('creates agency admins of its own organization only, whatever the body says', async () => {
    const made = (await adminA.post('/v1/users').send({ username: 'a.made', role: 'agency_admin' }).expect(201)).body;
    expect(made).toMatchObject({ organizationId: orgA, role: 'agency_admin', status: 'active', passwordChangeRequired: true });
    const [{ n: before }] = await h.ds.query('SELECT count(*)::int AS n FROM users');
    // Attacks: a regulator (its own second pair of eyes), an auditor, an admin of another organization.
    for (const body of [
      { username: 'a.reg', role: 'regulator' },
      { username: 'a.aud', role: 'auditor' },
      { username: 'a.other', role: 'agency_admin', organizationId: orgB },
      { username: 'a.reg2', role: 'regulator', password: 'a.reg2-password-123' },
    ]) {
      expectError(await adminA.post('/v1/users').send(body), 403, 'FORBIDDEN');
    }
    expect(await h.ds.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: before }]);
  });

  it('cannot touch another organization, a regulator, or its own account, nor move or promote anyone', async () => {
    const peer = await user(ids.peer);
    const b = await user(ids.adminB);
    const root = await user(ids.root);
    const me = await user(ids.adminA);
    expectError(await adminA.patch(`/v1/users/${ids.adminB}`).send({ version: b.version, status: 'disabled' }), 404, 'NOT_FOUND');
    expectError(await adminA.patch(`/v1/users/${ids.root}`).send({ version: root.version, status: 'disabled' }), 404, 'NOT_FOUND');
    expectError(await adminA.patch(`/v1/users/${ids.auditor}`).send({ version: 1, status: 'disabled' }), 404, 'NOT_FOUND');
    expectError(await adminA.patch(`/v1/users/${ids.peer}`).send({ version: peer.version, role: 'regulator' }), 403, 'FORBIDDEN');
    expectError(await adminA.patch(`/v1/users/${ids.peer}`).send({ version: peer.version, organizationId: orgB }), 403, 'FORBIDDEN');
    expectError(await adminA.patch(`/v1/users/${ids.adminA}`).send({ version: me.version, status: 'disabled' }), 403, 'FORBIDDEN');
    expectError(await adminA.patch(`/v1/users/${ids.adminA}`).send({ version: me.version, role: 'regulator' }), 403, 'FORBIDDEN');
    expectError(await adminA.post(`/v1/users/${ids.adminB}/reset-password`), 404, 'NOT_FOUND');
    expectError(await adminA.post(`/v1/users/${ids.root}/reset-password`), 404, 'NOT_FOUND');
    expectError(await adminA.post(`/v1/users/${ids.adminA}/reset-password`), 403, 'FORBIDDEN');
    expectError(await adminA.post(`/v1/users/${ids.peer}/approve`).send({}), 403, 'FORBIDDEN');
    expectError(await adminA.post(`/v1/users/${ids.peer}/reject`).send({ reason: 'thử' }), 403, 'FORBIDDEN');
    expect([await user(ids.peer), await user(ids.adminB), await user(ids.root), await user(ids.adminA)]).toEqual([peer, b, root, me]);
  });

  it('disables a peer (its session ends at once) and enables it again, but never undoes a regulator’s disabling', async () => {
    const peerToken = bearer(await h.token('a.peer')); // login 11
    await peerToken.get('/v1/auth/me').expect(200);
    let peer = await user(ids.peer);
    const disabled = (await adminA.patch(`/v1/users/${ids.peer}`).send({ version: peer.version, status: 'disabled' }).expect(200)).body;
    expect(disabled.status).toBe('disabled');
    expectError(await peerToken.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    const enabled = (await adminA.patch(`/v1/users/${ids.peer}`).send({ version: disabled.version, status: 'active' }).expect(200)).body;
    expect(enabled.status).toBe('active');

    const root = await h.as(ROOT.username);
    peer = await user(ids.peer);
    const byRegulator = (await root.patch(`/v1/users/${ids.peer}`).send({ version: peer.version, status: 'disabled' }).expect(200)).body;
    expectError(await adminA.patch(`/v1/users/${ids.peer}`).send({ version: byRegulator.version, status: 'active' }), 403, 'FORBIDDEN');
    expect((await user(ids.peer)).status).toBe('disabled');
    await root.patch(`/v1/users/${ids.peer}`).send({ version: byRegulator.version, status: 'active' }).expect(200);
  });

  it('resets a peer’s password, and its actions are audited', async () => {
    const reset = (await adminA.post(`/v1/users/${ids.peer}/reset-password`).expect(200)).body;
    expect((await login('a.peer', reset.oneTimePassword).expect(200)).body.passwordChangeRequired).toBe(true); // login 12
    const actions = (await h.ds.query(`SELECT action FROM audit_events WHERE actor_id = $1 ORDER BY seq`, [ids.adminA])).map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(['auth.login', 'user.create', 'user.update', 'user.update', 'user.reset_password']);
    const verify = (await (await h.as(ROOT.username)).get('/v1/audit-events/verify').expect(200)).body;
    expect(verify).toMatchObject({ valid: true });
  });
});
