import type { Response } from 'supertest';
import { compileEntry, LookupEntry, resolveLookup } from '@app/domain';
import { CLI_ACTOR, cli } from '../support/cli';
import { DECISION_PDF, applicationBody, carrier, carriersWithKeys, invite } from '../onboarding/onboarding-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Issue 23: seven ways ONE person could brand a number or lift a block on the old rules, each played here as the
 * insider would, and refused with a stable code. Lookup answers are computed from what the registry published.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let root: Client;
let reg2: Client;
let reg3: Client;
let micId: string;
let micBrand: string;
let keys: Record<string, string>;
let seq = 0;

function expectRefused(res: Response, rule?: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FOUR_EYES_REQUIRED' });
  if (rule) expect(res.body.rule).toBe(rule);
}

/** What a lookup answers now for the number, from its published entry (as every lookup instance does). */
async function answer(e164: string, origin?: string) {
  const [row]: Array<{ entry: LookupEntry; jws: string | null }> = await h.ds.query(
    'SELECT entry, jws FROM published_numbers WHERE e164 = $1',
    [e164],
  );
  return resolveLookup(e164, row ? compileEntry(row.entry, undefined, row.jws) : undefined, Date.now(), origin);
}

/** A MIC number registered by root, approved by reg2, active and limited to VIETTEL. */
async function activeNumber(): Promise<{ id: string; e164: string; version: number }> {
  const national = `0913${String(++seq).padStart(6, '0')}`;
  const n = await root
    .post(`/v1/organizations/${micId}/numbers`)
    .send({ number: national, brandnameId: micBrand, allowedOrigins: ['VIETTEL'] })
    .expect(201);
  const approved = await reg2.post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
  return { id: n.body.id, e164: approved.body.number, version: approved.body.version };
}

/** A user created by `by` with a password it chose: `by` can act as it. */
async function createdBy(by: Client, username: string, role: string, organizationId?: string): Promise<string> {
  const res = await by
    .post('/v1/users')
    .send({ username, password: `${username}-password-123`, role, organizationId })
    .expect(201);
  return res.body.id;
}

async function proposeInternational(as: Client, n: { id: string }) {
  const current = (await as.get(`/v1/numbers/${n.id}`).expect(200)).body;
  const res = await as
    .patch(`/v1/numbers/${n.id}`)
    .send({ version: current.version, allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] })
    .expect(200);
  expect(res.body.pendingRevision.changes).toEqual({ allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] });
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  reg2 = await h.as('reg2');
  reg3 = await h.as('reg3');
  keys = await carriersWithKeys(h, ['VIETTEL', 'VINAPHONE']);
  micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  micBrand = await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
});
afterAll(() => h?.stop());

describe('issue 23: no sequence of one person’s actions brands a number', () => {
  it('2. four eyes looks all the way back: A1 creates A2, A2 proposes, A1’s creator may not approve', async () => {
    const n = await activeNumber();
    await createdBy(root, 'mic.a1', 'agency_admin', micId);
    const a1 = await h.as('mic.a1');
    await createdBy(a1, 'mic.a2', 'agency_admin', micId);
    const a2 = await h.as('mic.a2');
    await proposeInternational(a2, n);
    const brand = (await a2.get(`/v1/brandnames/${micBrand}`).expect(200)).body;
    await a2
      .patch(`/v1/brandnames/${micBrand}`)
      .send({ version: brand.version, displayName: 'Bộ TT&TT Khẩn', callReason: 'Thu hồi tiền lừa đảo' })
      .expect(200);
    expectRefused(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 'approver_controls_author');
    expectRefused(await root.post(`/v1/brandnames/${micBrand}/revision/approve`).send({}), 'approver_controls_author');
    // The server says so in advance to root, and lets an independent regulator decide.
    const seen = (await root.get(`/v1/numbers/${n.id}`).expect(200)).body;
    expect(seen.pendingRevision.fourEyes).toMatchObject({ allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'approver_controls_author' });
    expect((await reg2.get(`/v1/numbers/${n.id}`).expect(200)).body.pendingRevision.fourEyes).toEqual({ allowed: true });
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');
    expect((await answer(n.e164, 'VIETTEL')).display?.name).toBe('Bộ TT&TT');
    await reg2.post(`/v1/brandnames/${micBrand}/revision/reject`).send({ reason: 'Không có căn cứ' }).expect(200);
    await reg2.post(`/v1/numbers/${n.id}/revision/reject`).send({ reason: 'Không có căn cứ' }).expect(200);
  });

  it('3. a role flip does not lift the bar: the facts are frozen when the change was submitted', async () => {
    const n = await activeNumber();
    const aaId = await createdBy(root, 'flip.admin', 'agency_admin', micId);
    await proposeInternational(await h.as('flip.admin'), n);
    expectRefused(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}));
    const aa = (await root.get('/v1/users').expect(200)).body.find((u: { id: string }) => u.id === aaId);
    const flipped = await root.patch(`/v1/users/${aaId}`).send({ version: aa.version, role: 'regulator' }).expect(200);
    expect(flipped.body).toMatchObject({ role: 'regulator', status: 'pending' });
    expectRefused(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 'approver_controls_author');
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');
  });

  it('4a. a password reset hands over an account: the resetter can act as it and may not approve its work', async () => {
    const n = await activeNumber();
    const bId = await createdBy(reg2, 'reg2.admin', 'agency_admin', micId);
    const reset = await root.post(`/v1/users/${bId}/reset-password`).send({}).expect(200);
    const login = await h.http().post('/v1/auth/login').send({ username: 'reg2.admin', password: reset.body.oneTimePassword }).expect(200);
    const changed = await h
      .http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ currentPassword: reset.body.oneTimePassword, newPassword: 'root-owns-this-account-1' })
      .expect(200);
    const asB = {
      get: (url: string) => h.http().get(url).set('Authorization', `Bearer ${changed.body.accessToken}`),
      patch: (url: string) => h.http().patch(url).set('Authorization', `Bearer ${changed.body.accessToken}`),
    };
    await proposeInternational(asB as unknown as Client, n);
    expectRefused(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 'approver_controls_author');
    // reg2 created the account with a password it chose: it may not approve either.
    expectRefused(await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 'approver_controls_author');
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');
    await reg3.post(`/v1/numbers/${n.id}/revision/reject`).send({ reason: 'Tài khoản bị chiếm' }).expect(200);
  });

  it('4b. whoever sent the invitation held its token: it can act as the applicant, and may not approve its work', async () => {
    const inv = await invite(h, 'BCA', 'Bộ Công an', ROOT.username);
    const app = await h
      .http()
      .post('/v1/applications')
      .send(applicationBody(inv.token, [{ number: '024 3822 2593', holdingCarrier: 'VIETTEL' }]))
      .expect(201);
    await h.token('bca.admin', 'bca-admin-password-123');
    const applicant = await h.as('bca.admin');
    await applicant
      .post(`/v1/applications/${app.body.id}/documents`)
      .field('kind', 'decision')
      .attach('file', DECISION_PDF, 'qd.pdf')
      .expect(201);
    for (const item of ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers']) {
      await reg3.post(`/v1/applications/${app.body.id}/checklist`).send({ item, checked: true }).expect(200);
    }
    // The inviter may not approve the application (it can act as the applicant), nor may the ticker.
    expectRefused(await root.post(`/v1/applications/${app.body.id}/approve`).send({}), 'approver_controls_author');
    expectRefused(await reg3.post(`/v1/applications/${app.body.id}/approve`).send({}), 'same_account');
    await carrier(h, keys.VIETTEL)
      .post(`/v1/carrier/number-confirmations/${app.body.numbers[0].id}`)
      .send({ decision: 'confirm' })
      .expect(200);
    await reg2.post(`/v1/applications/${app.body.id}/approve`).send({}).expect(200);
    // Once live, what the applicant proposes is still root's hand.
    const num = { id: app.body.numbers[0].id };
    await proposeInternational(applicant, num);
    expectRefused(await root.post(`/v1/numbers/${num.id}/revision/approve`).send({}), 'approver_controls_author');
    expect((await answer('+842438222593', 'INTERNATIONAL')).verdict).toBe('block');
  });

  it('5. one regulator does not lift another’s fraud suspension alone', async () => {
    const n = await activeNumber();
    await reg2.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Báo cáo lừa đảo qua 5656' }).expect(200);
    const asked = await root.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'Tôi thấy ổn' }).expect(200);
    expect(asked.body).toMatchObject({ status: 'suspended', pendingReinstate: { reason: 'Tôi thấy ổn' } });
    expectRefused(await root.post(`/v1/numbers/${n.id}/reinstate/approve`).send({}), 'same_account');
    expectRefused(await reg2.post(`/v1/numbers/${n.id}/reinstate/approve`).send({}), 'same_account');
    expect((await answer(n.e164, 'VIETTEL')).verdict).toBe('none');
    expect((await root.get(`/v1/numbers/${n.id}`).expect(200)).body.status).toBe('suspended');
  });

  it('6. a shell on the server is one person: the CLI’s regulators wait, and can’t approve each other', async () => {
    const n = await activeNumber();
    for (const username of ['cli.x', 'cli.y']) {
      const made = await cli('user:create', '--username', username, '--role', 'regulator', '--password', `${username}-password-123`);
      expect(made.code).toBe(0);
    }
    const made = await h.ds.query(`SELECT id, username, status FROM users WHERE username IN ('cli.x', 'cli.y') ORDER BY username`);
    expect(made.map((u: { status: string }) => u.status)).toEqual(['pending', 'pending']);
    const controls = await h.ds.query(`SELECT controller FROM account_controls WHERE account_id = ANY($1)`, [
      made.map((u: { id: string }) => u.id),
    ]);
    expect(controls).toEqual([{ controller: CLI_ACTOR }, { controller: CLI_ACTOR }]);
    // Regulators the shell user does not control vet them; they are then still one person between them.
    await root.post(`/v1/users/${made[0].id}/approve`).send({}).expect(200);
    await reg2.post(`/v1/users/${made[1].id}/approve`).send({}).expect(200);
    await proposeInternational(await h.as('cli.y'), n);
    expectRefused(await (await h.as('cli.x')).post(`/v1/numbers/${n.id}/revision/approve`).send({}), 'shared_controller');
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');
    // A reset from the shell (a regulator's too) makes the shell user one of the account's controllers, for good.
    expect((await cli('user:reset-password', '--username', 'cli.x')).code).toBe(0);
    expect(
      await h.ds.query(`SELECT controller, kind FROM account_controls WHERE account_id = $1 AND kind = 'reset_password'`, [made[0].id]),
    ).toEqual([{ controller: CLI_ACTOR, kind: 'reset_password' }]);
  });

  it('7. the audit names who acted: activation on a later carrier confirmation is the carrier’s own event', async () => {
    const inv = await invite(h, 'VKS', 'Viện Kiểm sát nhân dân tối cao', 'reg2', 'procuracy');
    const body = applicationBody(inv.token, [{ number: '024 3825 5058', holdingCarrier: 'VINAPHONE' }], {
      applicant: {
        username: 'vks.admin',
        password: 'vks-admin-password-123',
        fullName: 'Trần Thị Bình',
        email: 'b@vks.gov.vn',
        phone: '024 3825 5058',
      },
      brandname: { label: 'VKSND TC', displayName: 'VKSND Tối cao' },
    });
    const app = await h.http().post('/v1/applications').send(body).expect(201);
    await h.token('vks.admin', 'vks-admin-password-123');
    const applicant = await h.as('vks.admin');
    await applicant
      .post(`/v1/applications/${app.body.id}/documents`)
      .field('kind', 'decision')
      .attach('file', DECISION_PDF, 'qd.pdf')
      .expect(201);
    for (const item of ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers']) {
      await reg3.post(`/v1/applications/${app.body.id}/checklist`).send({ item, checked: true }).expect(200);
    }
    await root.post(`/v1/applications/${app.body.id}/approve`).send({}).expect(200);
    const numberId = app.body.numbers[0].id;
    expect((await root.get(`/v1/numbers/${numberId}`).expect(200)).body.status).toBe('pending');
    const [{ last }] = await h.ds.query('SELECT max(seq)::int AS last FROM audit_events');
    const confirmed = await carrier(h, keys.VINAPHONE)
      .post(`/v1/carrier/number-confirmations/${numberId}`)
      .send({ decision: 'confirm' })
      .expect(200);
    expect(confirmed.body.numberStatus).toBe('active');
    const events = await h.ds.query(
      `SELECT e.action, e.actor_id, e.actor_role, e.after FROM audit_events e WHERE e.seq > $1 ORDER BY e.seq`,
      [last],
    );
    const [{ id: viettelOrVina }] = await h.ds.query(`SELECT id FROM carriers WHERE code = 'VINAPHONE'`);
    const [{ id: rootId }] = await h.ds.query(`SELECT id FROM users WHERE username = 'root'`);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['number.holding_confirm', 'number.activate']);
    for (const e of events) expect({ actor: e.actor_id, role: e.actor_role }).toEqual({ actor: viettelOrVina, role: 'carrier' });
    expect(events[1].after.coveredBy).toMatchObject({ applicationId: app.body.id, approvedBy: rootId });
    expect((await answer('+842438255058')).verdict).toBe('brand');
  });

  // Last: it leaves root the only active regulator, which is the point.
  // Last: it leaves root the only active regulator, which is the point.
  it('1. one regulator does not become two: demoting every other regulator never re-arms the bootstrap pair', async () => {
    const n = await root.post(`/v1/organizations/${micId}/numbers`).send({ number: '0913999001', brandnameId: micBrand }).expect(201);
    const users = (await root.get('/v1/users').expect(200)).body as Array<{ id: string; username: string; version: number }>;
    for (const name of ['reg2', 'reg3']) {
      const u = users.find((x) => x.username === name)!;
      await root.patch(`/v1/users/${u.id}`).send({ version: u.version, role: 'auditor' }).expect(200);
    }
    const sock = await root
      .post('/v1/users')
      .send({ username: 'root.sock', password: 'root-sock-password-1', role: 'regulator' })
      .expect(201);
    expect(sock.body.status).toBe('pending');
    expect((await h.ds.query('SELECT count(*)::int AS n FROM registry_bootstrap'))[0].n).toBe(1);
    expectRefused(await root.post(`/v1/users/${sock.body.id}/approve`).send({}), 'approver_controls_author');
    expect((await h.http().post('/v1/auth/login').send({ username: 'root.sock', password: 'root-sock-password-1' })).status).toBe(401);
    expect((await root.get(`/v1/numbers/${n.body.id}`).expect(200)).body.status).toBe('pending');
    // And it stays so: reg2 and reg3 promoted back wait for a person root cannot act as; there is none active.
    const again = (await root.get('/v1/users').expect(200)).body.find((u: { username: string }) => u.username === 'reg2');
    await root.patch(`/v1/users/${again.id}`).send({ version: again.version, role: 'regulator' }).expect(200);
    expectRefused(await root.post(`/v1/users/${again.id}/approve`).send({}), 'same_account');
  });
});
