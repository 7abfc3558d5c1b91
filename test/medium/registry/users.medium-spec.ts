import { AuditService } from '../../../apps/registry/src/audit/audit.service';
import { AuthService } from '../../../apps/registry/src/auth/auth.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import { refused } from '../support/expect-refusal';
import { FILE_ADDRESS, MediumRegistry, Person } from '../support/medium-registry';
import { Space } from '../support/space';

/**
 * Account management on the services: resets that cut older tokens at once and must be changed first, and an
 * agency admin confined to the agency admins of its own organization, with the attacks an insider would try
 * written out. (The one-time password's sign-in flow and the routes it closes: test/registry/users.e2e-spec.ts.)
 */

let r: MediumRegistry;
let s: Space;
let root: Person;
let orgA: string;
let orgB: string;
let peer: Person;
let adminA: Person;
let reg2Id: string;
const ids: Record<string, string> = {};

const users = () => r.get(UsersService);
const auth = () => r.get(AuthService);
const client = { requestId: 'users-medium', ip: FILE_ADDRESS };

async function user(id: string): Promise<{ id: string; version: number; status: string; organizationId: string | null }> {
  const [row] = await r.ds.query('SELECT id, version, status, organization_id AS "organizationId" FROM users WHERE id = $1', [id]);
  return row;
}

beforeAll(async () => {
  r = await MediumRegistry.start();
  s = await Space.claim(r);
  root = r.root;
  reg2Id = (await s.regulator('reg2')).id;
  orgA = await s.activeOrganization('ORG_A');
  orgB = await s.activeOrganization('ORG_B');
  adminA = await s.agencyAdmin('a.admin', orgA); // its one sign-in
  ids.adminA = adminA.id;
  peer = await s.agencyAdmin('a.peer', orgA);
  ids.peer = peer.id;
  ids.adminB = (await s.agencyAdmin('b.admin', orgB)).id;
  ids.auditor = (await s.user('auditor', 'auditor')).id;
  ids.root = root.id;
});
afterAll(() => r?.stop());

describe('a reset', () => {
  it('gives a one-time password, cuts every older token at once and makes the user change it', async () => {
    expect((await auth().authenticate(peer.token)).id).toBe(ids.peer);
    const { version } = await user(ids.peer);
    const reset = await users().resetPassword(root.ctx(), ids.peer);
    expect(reset).toMatchObject({ user: { id: ids.peer, passwordChangeRequired: true }, oneTimePassword: expect.any(String) });
    // The version guards role, status and organization: a manager's disable read before the reset still applies.
    expect(reset.user.version).toBe(version);
    expect(reset.user).not.toHaveProperty('passwordHash');
    await refused(auth().authenticate(peer.token), 401, 'UNAUTHENTICATED');
    await refused(auth().login({ username: peer.username, password: peer.password }, client), 401, 'UNAUTHENTICATED');
    const first = await auth().login({ username: peer.username, password: reset.oneTimePassword }, client);
    expect(first.passwordChangeRequired).toBe(true);
    const temp = await auth().authenticate(first.accessToken);
    await auth().changePassword({ actor: temp, ...client }, { currentPassword: reset.oneTimePassword, newPassword: peer.password });
    peer = await r.signIn(peer.username, peer.password);
    const [event] = await r.ds.query(`SELECT after::text AS a FROM audit_events WHERE action = 'user.reset_password' AND entity_id = $1`, [
      ids.peer,
    ]);
    expect(event.a).not.toContain(reset.oneTimePassword);
  });

  it('is never of one’s own account, and never of a regulator’s through the API (one regulator would become two)', async () => {
    await refused(users().resetPassword(root.ctx(), ids.root), 403, 'FORBIDDEN');
    await refused(users().resetPassword(root.ctx(), reg2Id), 403, 'FORBIDDEN');
    expect((await users().resetPassword(root.ctx(), ids.auditor)).oneTimePassword).toEqual(expect.any(String));
    await refused(users().resetPassword(root.ctx(), '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });
});

describe('an agency admin', () => {
  it('lists only the agency admins of its own organization', async () => {
    await s.agencyAdmin('a.new', orgA);
    const listed = await users().list(adminA.ctx());
    expect(listed.map((u) => u.username).sort()).toEqual(['a.admin', 'a.new', 'a.peer'].map((n) => s.username(n)));
    expect(listed.every((u) => u.role === 'agency_admin' && u.organizationId === orgA)).toBe(true);
  });

  it('creates agency admins of its own organization only, whatever the body says', async () => {
    const made = await users().create(adminA.ctx(), { username: s.username('a.made'), role: 'agency_admin' });
    expect(made).toMatchObject({ organizationId: orgA, role: 'agency_admin', status: 'active', passwordChangeRequired: true });
    // Attacks: a regulator (its own second pair of eyes), an auditor, an admin of another organization.
    const attempts = [
      { username: s.username('a.reg'), role: 'regulator' as const },
      { username: s.username('a.aud'), role: 'auditor' as const },
      { username: s.username('a.other'), role: 'agency_admin' as const, organizationId: orgB },
      { username: s.username('a.reg2'), role: 'regulator' as const, password: 'a.reg2-password-123' },
    ];
    for (const body of attempts) await refused(users().create(adminA.ctx(), body), 403, 'FORBIDDEN');
    const [{ n }] = await r.ds.query('SELECT count(*)::int AS n FROM users WHERE username = ANY($1)', [attempts.map((a) => a.username)]);
    expect(n).toBe(0);
  });

  it('cannot touch another organization, a regulator, or its own account, nor move or promote anyone', async () => {
    const peerRow = await user(ids.peer);
    const b = await user(ids.adminB);
    const rootRow = await user(ids.root);
    const me = await user(ids.adminA);
    const ctx = () => adminA.ctx();
    await refused(users().update(ctx(), ids.adminB, { version: b.version, status: 'disabled' }), 404, 'NOT_FOUND');
    await refused(users().update(ctx(), ids.root, { version: rootRow.version, status: 'disabled' }), 404, 'NOT_FOUND');
    await refused(users().update(ctx(), ids.auditor, { version: 1, status: 'disabled' }), 404, 'NOT_FOUND');
    await refused(users().update(ctx(), ids.peer, { version: peerRow.version, role: 'regulator' }), 403, 'FORBIDDEN');
    await refused(users().update(ctx(), ids.peer, { version: peerRow.version, organizationId: orgB }), 403, 'FORBIDDEN');
    await refused(users().update(ctx(), ids.adminA, { version: me.version, status: 'disabled' }), 403, 'FORBIDDEN');
    await refused(users().update(ctx(), ids.adminA, { version: me.version, role: 'regulator' }), 403, 'FORBIDDEN');
    await refused(users().resetPassword(ctx(), ids.adminB), 404, 'NOT_FOUND');
    await refused(users().resetPassword(ctx(), ids.root), 404, 'NOT_FOUND');
    await refused(users().resetPassword(ctx(), ids.adminA), 403, 'FORBIDDEN');
    // Approving or rejecting accounts is a regulator's decision in the service too, not only on its route.
    const waiting = await users().create(root.ctx(), {
      username: s.username('waiting.reg'),
      password: 'waiting-password-123',
      role: 'regulator',
    });
    await refused(users().decide(ctx(), waiting.id, 'approve'), 403, 'FORBIDDEN');
    await refused(users().decide(ctx(), waiting.id, 'reject', 'kiểm thử'), 403, 'FORBIDDEN');
    expect((await user(waiting.id)).status).toBe('pending');
    expect([await user(ids.peer), await user(ids.adminB), await user(ids.root), await user(ids.adminA)]).toEqual([peerRow, b, rootRow, me]);
  });

  it('disables a peer (its session ends at once) and enables it again, but never undoes a regulator’s disabling', async () => {
    expect((await auth().authenticate(peer.token)).id).toBe(ids.peer);
    let peerRow = await user(ids.peer);
    const disabled = await users().update(adminA.ctx(), ids.peer, { version: peerRow.version, status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    await refused(auth().authenticate(peer.token), 401, 'UNAUTHENTICATED');
    const enabled = await users().update(adminA.ctx(), ids.peer, { version: disabled.version, status: 'active' });
    expect(enabled.status).toBe('active');

    peerRow = await user(ids.peer);
    const byRegulator = await users().update(root.ctx(), ids.peer, { version: peerRow.version, status: 'disabled' });
    await refused(users().update(adminA.ctx(), ids.peer, { version: byRegulator.version, status: 'active' }), 403, 'FORBIDDEN');
    expect((await user(ids.peer)).status).toBe('disabled');
    await users().update(root.ctx(), ids.peer, { version: byRegulator.version, status: 'active' });
  });

  it('resets a peer’s password, and its actions are audited', async () => {
    const reset = await users().resetPassword(adminA.ctx(), ids.peer);
    expect((await auth().login({ username: peer.username, password: reset.oneTimePassword }, client)).passwordChangeRequired).toBe(true);
    const actions = (await r.ds.query(`SELECT action FROM audit_events WHERE actor_id = $1 ORDER BY seq`, [ids.adminA])).map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(['auth.login', 'user.create', 'user.update', 'user.update', 'user.reset_password']);
    expect(await r.get(AuditService).verify()).toMatchObject({ valid: true });
  });
});
