import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { within } from '../support/wait';

/**
 * The review policy, attacked as an insider would: each `describe` below is one attack that worked before the
 * policy existed (issue: "no single person can change what a handset shows, or lift a block, alone"), and now
 * ends in a stable error code or a pending revision, while the approved answer keeps being served.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let lookup: NestFastifyApplication;
let key: string;
let root: Client;
let reg2: Client;
let reg3: Client;
let micAdmin: Client;
let micId: string;
let micBrand: string;

let seq = 0;
/** A fresh valid mobile number, 0913 000 001 and up, with its E.164 form. */
function freshNumber(): { national: string; e164: string } {
  const national = `0913${String(++seq).padStart(6, '0')}`;
  return { national, e164: `+84${national.slice(1)}` };
}

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

const answer = async (number: string, origin?: string) =>
  (
    await request(lookup.getHttpServer())
      .get(`/v1/lookup/${number}${origin ? `?origin=${origin}` : ''}`)
      .set('X-Api-Key', key)
      .expect(200)
  ).body;

async function published(e164: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await h.ds.query(`SELECT entry FROM published_numbers WHERE e164 = $1`, [e164]);
  return row?.entry;
}

/** An active number of MIC, submitted by `by` and approved by reg2. */
async function activeNumber(body: Record<string, unknown> = {}, by: Client = root): Promise<{ id: string; e164: string; version: number }> {
  const { national, e164 } = freshNumber();
  const created = await by
    .post(`/v1/organizations/${micId}/numbers`)
    .send({ number: national, brandnameId: micBrand, ...(by === root ? {} : { holdingCarrier: 'HOLDER' }), ...body })
    .expect(201);
  if (by !== root) await h.confirmHolding(created.body.id);
  const approved = await reg2.post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
  return { id: created.body.id, e164, version: approved.body.version };
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.holdingCarrier();
  await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  reg2 = await h.as('reg2');
  reg3 = await h.as('reg3');
  for (const code of ['VIETTEL', 'VINAPHONE', 'MOBIFONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
  const viettel = (await root.get('/v1/carriers').expect(200)).body.find((c: { code: string }) => c.code === 'VIETTEL');
  key = (await root.post(`/v1/carriers/${viettel.id}/api-keys`).expect(201)).body.key;
  micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  micBrand = await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
  await h.createUser('mic.admin', 'agency_admin', micId);
  micAdmin = await h.as('mic.admin');
  lookup = await createLookupApp();
  await within(
    5000,
    async () => void (await request(lookup.getHttpServer()).get('/v1/lookup/0912000000').set('X-Api-Key', key).expect(200)),
  );
});
afterAll(async () => {
  await lookup?.close();
  await h?.stop();
});

describe('1. one regulator cannot make a second pair of eyes', () => {
  it('the bootstrap pair was created active once, audited as such; the next regulator waits for another regulator', async () => {
    const [pair] = await h.ds.query(
      `SELECT action FROM audit_events WHERE entity_id = (SELECT id::text FROM users WHERE username = 'reg2')`,
    );
    expect(pair.action).toBe('user.create_bootstrap_pair');

    const sock = await root.post('/v1/users').send({ username: 'sock', password: 'sock-password-123', role: 'regulator' }).expect(201);
    expect(sock.body.status).toBe('pending');
    expectError(await h.http().post('/v1/auth/login').send({ username: 'sock', password: 'sock-password-123' }), 401, 'UNAUTHENTICATED');
    expectError(await root.post(`/v1/users/${sock.body.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await reg2.post(`/v1/users/${sock.body.id}/approve`).send({})).body.status).toBe('active');
    expectError(await reg3.post(`/v1/users/${sock.body.id}/approve`).send({}), 409, 'INVALID_TRANSITION');
  });

  it('a refused account stays out', async () => {
    const sock = await root.post('/v1/users').send({ username: 'sock2', password: 'sock2-password-123', role: 'regulator' }).expect(201);
    expectError(await reg2.post(`/v1/users/${sock.body.id}/reject`).send({}), 400, 'VALIDATION_FAILED');
    expect((await reg2.post(`/v1/users/${sock.body.id}/reject`).send({ reason: 'Không rõ người dùng' })).body.status).toBe('disabled');
    expectError(await h.http().post('/v1/auth/login').send({ username: 'sock2', password: 'sock2-password-123' }), 401, 'UNAUTHENTICATED');
  });

  it('a promotion to regulator waits for a regulator other than the one who made it', async () => {
    await h.createUser('promo', 'agency_admin', micId);
    const [user] = (await root.get('/v1/users').expect(200)).body.filter((u: { username: string }) => u.username === 'promo');
    const res = await root
      .patch(`/v1/users/${user.id}`)
      .send({ version: user.version, role: 'regulator', organizationId: null })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'regulator', status: 'pending', organizationId: null });
    expectError(await h.http().post('/v1/auth/login').send({ username: 'promo', password: 'promo-password-123' }), 401, 'UNAUTHENTICATED');
    expectError(await root.post(`/v1/users/${user.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await reg2.post(`/v1/users/${user.id}/approve`).send({})).body.status).toBe('active');
  });

  it('disabling applies at once (its tokens stop working); enabling a regulator again waits for another regulator', async () => {
    await h.createUser('reg.temp', 'regulator');
    const temp = await h.as('reg.temp');
    await temp.get('/v1/auth/me').expect(200);
    const [user] = (await root.get('/v1/users').expect(200)).body.filter((u: { username: string }) => u.username === 'reg.temp');
    const disabled = await root.patch(`/v1/users/${user.id}`).send({ version: user.version, status: 'disabled' }).expect(200);
    expect(disabled.body.status).toBe('disabled');
    expectError(await temp.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    const enabled = await root.patch(`/v1/users/${user.id}`).send({ version: disabled.body.version, status: 'active' }).expect(200);
    expect(enabled.body.status).toBe('pending');
    expectError(await root.post(`/v1/users/${user.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await reg3.post(`/v1/users/${user.id}/approve`).send({})).body.status).toBe('active');
    expectError(
      await root.patch(`/v1/users/${user.id}`).send({ version: disabled.body.version, status: 'disabled' }),
      409,
      'VERSION_CONFLICT',
    );
  });

  it('an agency admin account a regulator created speaks for that regulator: its submissions need someone else', async () => {
    await h.createUser('mic.sock', 'agency_admin', micId);
    const sock = await h.as('mic.sock');
    const { national } = freshNumber();
    const n = await sock
      .post(`/v1/organizations/${micId}/numbers`)
      .send({ number: national, brandnameId: micBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    expectError(await root.post(`/v1/numbers/${n.body.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    await h.confirmHolding(n.body.id);
    expect((await reg2.post(`/v1/numbers/${n.body.id}/approve`).send({})).body.status).toBe('active');
  });
});

describe('2. an agency admin cannot open its number to calls from abroad, or widen its validity, alone', () => {
  it('adding INTERNATIONAL waits in a revision; the lookup keeps blocking until another regulator approves', async () => {
    const n = await activeNumber({ allowedOrigins: ['VIETTEL'] });
    await within(5000, async () => expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block'));
    const publishedBefore = await published(n.e164);

    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'active', allowedOrigins: ['VIETTEL'] });
    expect(res.body.pendingRevision).toMatchObject({
      status: 'pending',
      changes: { allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] },
      previous: { allowedOrigins: ['VIETTEL'] },
    });
    expect(await published(n.e164)).toEqual(publishedBefore);
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');

    // mic.admin's account was created by root: root may not approve what it proposes.
    expectError(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    const approved = await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ allowedOrigins: ['INTERNATIONAL', 'VIETTEL'], pendingRevision: null });
    await within(5000, async () => expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('brand'));
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['widened', { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z' }, { validTo: '2031-01-01T00:00:00.000Z' }],
    ['cleared', { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z' }, { validFrom: null, validTo: null }],
    ['cleared origins', { allowedOrigins: ['VIETTEL'] }, { allowedOrigins: [] }],
    ['another direction', {}, { direction: 'inbound_only' }],
  ])('validity or origins %s: a revision, the live values unchanged', async (_what, start, edit) => {
    const n = await activeNumber(start);
    const before = (await root.get(`/v1/numbers/${n.id}`).expect(200)).body;
    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, ...edit })
      .expect(200);
    expect(res.body.pendingRevision.changes).toMatchObject(edit);
    for (const field of Object.keys(edit)) expect(res.body[field]).toEqual(before[field]);
  });

  it('narrowing is held: a removed origin answers none (not block) on one word, block once another person approves', async () => {
    const n = await activeNumber({ allowedOrigins: ['VIETTEL', 'VINAPHONE'] });
    await within(5000, async () => expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('brand'));
    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['VIETTEL'], validTo: '2030-01-01T00:00:00Z' })
      .expect(200);
    // The earlier end applies at once; the removed origin waits for a second person.
    expect(res.body).toMatchObject({ allowedOrigins: ['VIETTEL', 'VINAPHONE'], validTo: '2030-01-01T00:00:00.000Z' });
    expect(res.body.pendingRevision).toMatchObject({
      status: 'pending',
      changes: { allowedOrigins: ['VIETTEL'] },
      previous: { allowedOrigins: ['VIETTEL', 'VINAPHONE'] },
    });
    // One person's word never declines a call: the removed origin is not branded, and not blocked either.
    await within(5000, async () =>
      expect(await answer(n.e164, 'VINAPHONE')).toMatchObject({ verdict: 'none', status: 'active', originAllowed: false }),
    );
    expect((await answer(n.e164, 'VIETTEL')).verdict).toBe('brand');
    expect(await published(n.e164)).toMatchObject({ allowedOrigins: ['VIETTEL', 'VINAPHONE'], narrowedOrigins: ['VIETTEL'] });

    // mic.admin's account was created by root: root may not confirm what it proposes.
    expectError(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('none');
    const approved = await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ allowedOrigins: ['VIETTEL'], pendingRevision: null });
    await within(5000, async () => expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('block'));
    expect(await published(n.e164)).not.toHaveProperty('narrowedOrigins');
  });

  it('revoking an item closes its waiting revision', async () => {
    const n = await activeNumber();
    await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['INTERNATIONAL'] })
      .expect(200);
    const revoked = await reg2.post(`/v1/numbers/${n.id}/revoke`).send({ reason: 'Trả số' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', pendingRevision: null });
    const [revision] = await h.ds.query(`SELECT status, decision_reason FROM revisions WHERE entity_id = $1`, [n.id]);
    expect(revision).toEqual({ status: 'rejected', decision_reason: 'Trả số' });
  });

  it('one pending revision per item: 409 REVISION_PENDING; a rejected revision leaves the approved values', async () => {
    const n = await activeNumber();
    const first = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['INTERNATIONAL'] })
      .expect(200);
    expectError(
      await micAdmin.patch(`/v1/numbers/${n.id}`).send({ version: first.body.version, direction: 'inbound_only' }),
      409,
      'REVISION_PENDING',
    );
    expectError(await reg2.post(`/v1/numbers/${n.id}/revision/reject`).send({}), 400, 'VALIDATION_FAILED');
    const rejected = await reg2.post(`/v1/numbers/${n.id}/revision/reject`).send({ reason: 'Không có cơ sở' }).expect(200);
    expect(rejected.body).toMatchObject({ allowedOrigins: [], pendingRevision: null });
    expectError(await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 404, 'NOT_FOUND');
    const [{ n: events }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'number.revision_reject'`,
      [n.id],
    );
    expect(events).toBe(1);
  });
});

describe('3. a suspension is lifted only by reinstate, and not by whoever suspended', () => {
  it('editing a suspended number keeps it suspended, with its reason, through an approved revision', async () => {
    const n = await activeNumber();
    const other = await h.activeBrandname(micId, 'TTTT HN', 'Sở TT&TT Hà Nội');
    await reg2.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Nghi giả mạo' }).expect(200);
    const current = (await root.get(`/v1/numbers/${n.id}`).expect(200)).body;
    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: current.version, brandnameId: other, direction: 'outbound' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: 'Nghi giả mạo', brandnameId: micBrand });
    const approved = await reg3.post(`/v1/numbers/${n.id}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'suspended', statusReason: 'Nghi giả mạo', brandnameId: other });
    await within(5000, async () => expect(await answer(n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' }));

    // Whoever suspended may ask for the lifting, but its request alone lifts nothing, and it may not approve it.
    const requested = await reg2.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    expect(requested.body).toMatchObject({
      status: 'suspended',
      statusReason: 'Nghi giả mạo',
      pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' },
    });
    expect(await answer(n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' });
    const own = await reg2.post(`/v1/numbers/${n.id}/reinstate/approve`).send({});
    expectError(own, 403, 'FOUR_EYES_REQUIRED');
    expect(own.body.rule).toBe('same_account');
    expect((await root.get(`/v1/numbers/${n.id}`).expect(200)).body.status).toBe('suspended');
    // reg3 neither suspended it nor asked for the lifting, and can act as neither who did.
    const lifted = await reg3.post(`/v1/numbers/${n.id}/reinstate/approve`).send({}).expect(200);
    expect(lifted.body).toMatchObject({ status: 'active', statusReason: 'Đã xác minh', pendingReinstate: null });
  });

  it('renaming a suspended brandname keeps it suspended', async () => {
    const b = await h.activeBrandname(micId, 'CUC ATTT', 'Cục An toàn thông tin');
    await reg2.post(`/v1/brandnames/${b}/suspend`).send({ reason: 'Kiểm tra' }).expect(200);
    const current = (await root.get(`/v1/brandnames/${b}`).expect(200)).body;
    const res = await micAdmin.patch(`/v1/brandnames/${b}`).send({ version: current.version, displayName: 'Cục ATTT' }).expect(200);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: 'Kiểm tra', displayName: 'Cục An toàn thông tin' });
    const approved = await reg3.post(`/v1/brandnames/${b}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'suspended', displayName: 'Cục ATTT' });
  });
});

describe('4. a rejected organization stays rejected, and a parent change is reviewed', () => {
  it('a rejected organization cannot be renamed back to life: 409 INVALID_TRANSITION', async () => {
    const org = await root.post('/v1/organizations').send({ code: 'FAKE', name: 'Bộ Giả', kind: 'ministry' }).expect(201);
    await reg2.post(`/v1/organizations/${org.body.id}/reject`).send({ reason: 'Không tồn tại' }).expect(200);
    expectError(
      await root.patch(`/v1/organizations/${org.body.id}`).send({ version: org.body.version + 1, name: 'Bộ Thật' }),
      409,
      'INVALID_TRANSITION',
    );
    expect((await root.get(`/v1/organizations/${org.body.id}`).expect(200)).body.status).toBe('rejected');
  });

  it("detaching a child from a suspended parent waits for review; the child's numbers stay suspended", async () => {
    const parent = await h.activeOrganization('PARENT', 'Bộ Cha');
    const child = (
      await root.post('/v1/organizations').send({ code: 'CHILD', name: 'Cục Con', kind: 'ministry', parentId: parent }).expect(201)
    ).body;
    await reg2.post(`/v1/organizations/${child.id}/approve`).send({}).expect(200);
    const brand = await h.activeBrandname(child.id, 'CUC CON', 'Cục Con');
    const { national, e164 } = freshNumber();
    const n = await root.post(`/v1/organizations/${child.id}/numbers`).send({ number: national, brandnameId: brand }).expect(201);
    await reg2.post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    await reg2.post(`/v1/organizations/${parent}/suspend`).send({ reason: 'Thanh tra' }).expect(200);
    expect(await published(e164)).toMatchObject({ state: 'suspended' });

    const current = (await root.get(`/v1/organizations/${child.id}`).expect(200)).body;
    const res = await root.patch(`/v1/organizations/${child.id}`).send({ version: current.version, parentId: null }).expect(200);
    expect(res.body).toMatchObject({ parentId: parent, pendingRevision: { changes: { parentId: null } } });
    expect(await published(e164)).toMatchObject({ state: 'suspended' });
    expectError(await root.post(`/v1/organizations/${child.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    await reg2.post(`/v1/organizations/${child.id}/revision/approve`).send({}).expect(200);
    expect(await published(e164)).toMatchObject({ state: 'active' });
  });
});

describe('5. reserved state terms and near look-alikes', () => {
  let bankA: string;
  let bankB: string;
  beforeAll(async () => {
    bankA = await h.activeOrganization('VCB', 'Ngân hàng Ngoại thương', 'bank');
    await h.activeBrandname(bankA, 'VIETCOMBANK', 'Vietcombank');
    await h.activeBrandname(bankA, 'BIDV', 'Ngân hàng BIDV');
    bankB = await h.activeOrganization('SCAM', 'Ngân hàng Lạ', 'bank');
  });

  it.each(['BOYTE', 'B O Y T E', 'BOCONGAN', 'CHINHPHUVN'])('a bank label %j is 422 RESERVED_NAME', async (label) => {
    expectError(
      await root.post(`/v1/organizations/${bankB}/brandnames`).send({ label, displayName: 'Ngân hàng Lạ' }),
      422,
      'RESERVED_NAME',
    );
  });

  it.each([
    ['VCB MOT', 'Vietcombank1'],
    ['BICLV', 'Ngân hàng Hai'],
  ])('%j / %j beside another bank is 409 CONFUSABLE_NAME', async (label, displayName) => {
    const res = await root.post(`/v1/organizations/${bankB}/brandnames`).send({ label, displayName });
    expectError(res, 409, 'CONFUSABLE_NAME');
  });

  it('a regulator may accept a near look-alike with a reason (audited); never a same-skeleton one, never an agency admin', async () => {
    await h.createUser('scam.admin', 'agency_admin', bankB);
    const admin = await h.as('scam.admin');
    const reason = 'Ngân hàng khác, đã đối chiếu giấy phép';
    expectError(
      await admin
        .post(`/v1/organizations/${bankB}/brandnames`)
        .send({ label: 'VCB MOT', displayName: 'Vietcombank1', lookalikeOverrideReason: reason }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await root
        .post(`/v1/organizations/${bankB}/brandnames`)
        .send({ label: 'BICLV', displayName: 'Ngân hàng Hai', lookalikeOverrideReason: reason }),
      409,
      'CONFUSABLE_NAME',
    );
    const ok = await root
      .post(`/v1/organizations/${bankB}/brandnames`)
      .send({ label: 'VCB MOT', displayName: 'Vietcombank1', lookalikeOverrideReason: reason })
      .expect(201);
    expect(ok.body).toMatchObject({ status: 'pending', lookalikeOverride: reason });
    const [event] = await h.ds.query(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'brandname.create'`, [ok.body.id]);
    expect(event.after.lookalikeOverride).toBe(reason);
  });
});

describe('6. squatting: a pending or rejected claim does not hold a number', () => {
  let squatter: Client;
  let squatOrg: string;
  let squatBrand: string;
  beforeAll(async () => {
    squatOrg = await h.activeOrganization('SQUAT', 'Công ty Chiếm số', 'other');
    squatBrand = await h.activeBrandname(squatOrg, 'CHIEM SO', 'Chiếm số');
    await h.createUser('squat.admin', 'agency_admin', squatOrg);
    squatter = await h.as('squat.admin');
  });

  it('the real owner registers a number a squatter claims; the regulator sees both; only one can go live', async () => {
    const { national } = freshNumber();
    const squat = await squatter
      .post(`/v1/organizations/${squatOrg}/numbers`)
      .send({ number: national, brandnameId: squatBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    const real = await micAdmin
      .post(`/v1/organizations/${micId}/numbers`)
      .send({ number: national, brandnameId: micBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    expect(real.body).not.toHaveProperty('competingClaims');
    const seen = (await reg2.get(`/v1/numbers/${real.body.id}`).expect(200)).body;
    expect(seen.competingClaims).toEqual([{ numberId: squat.body.id, organizationId: squatOrg, status: 'pending' }]);
    expect((await micAdmin.get(`/v1/numbers/${real.body.id}`).expect(200)).body).not.toHaveProperty('competingClaims');

    await h.confirmHolding(real.body.id);
    await reg2.post(`/v1/numbers/${real.body.id}/approve`).send({}).expect(200);
    await h.confirmHolding(squat.body.id); // even were the carrier wrong, the live number's slot stays taken
    expectError(await reg3.post(`/v1/numbers/${squat.body.id}/approve`).send({}), 409, 'DUPLICATE_NUMBER');
    const again = await squatter
      .post(`/v1/organizations/${squatOrg}/numbers`)
      .send({ number: national, brandnameId: squatBrand, holdingCarrier: 'HOLDER' });
    expectError(again, 409, 'DUPLICATE_NUMBER');
    expect(again.body.message).not.toContain('MIC');
  });

  it('a rejected claim frees the number for its owner', async () => {
    const { national } = freshNumber();
    const squat = await squatter
      .post(`/v1/organizations/${squatOrg}/numbers`)
      .send({ number: national, brandnameId: squatBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    await reg2.post(`/v1/numbers/${squat.body.id}/reject`).send({ reason: 'Không phải số của đơn vị' }).expect(200);
    const real = await micAdmin
      .post(`/v1/organizations/${micId}/numbers`)
      .send({ number: national, brandnameId: micBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    await h.confirmHolding(real.body.id);
    await reg2.post(`/v1/numbers/${real.body.id}/approve`).send({}).expect(200);
  });

  it('one claim per organization: a second registration of the same number is 409 DUPLICATE_NUMBER', async () => {
    const { national } = freshNumber();
    await micAdmin
      .post(`/v1/organizations/${micId}/numbers`)
      .send({ number: national, brandnameId: micBrand, holdingCarrier: 'HOLDER' })
      .expect(201);
    expectError(
      await micAdmin.post(`/v1/organizations/${micId}/numbers`).send({ number: national, brandnameId: micBrand, holdingCarrier: 'HOLDER' }),
      409,
      'DUPLICATE_NUMBER',
    );
  });
});

describe('7. nothing of another organization leaks to an agency admin', () => {
  it('a look-alike refusal does not name the other organization or its pending label', async () => {
    const other = await h.activeOrganization('HIDDEN', 'Cơ quan Kín', 'ministry');
    await root.post(`/v1/organizations/${other}/brandnames`).send({ label: 'CUC KIN', displayName: 'Cục Kín' }).expect(201);
    const res = await micAdmin.post(`/v1/organizations/${micId}/brandnames`).send({ label: 'CUC K1N', displayName: 'Cục Kín Đáo' });
    expectError(res, 409, 'CONFUSABLE_NAME');
    expect(res.body.message).not.toMatch(/CUC KIN|HIDDEN/);
    const asRegulator = await root.post(`/v1/organizations/${micId}/brandnames`).send({ label: 'CUC K1N', displayName: 'Cục Kín Đáo' });
    expect(asRegulator.body.message).toMatch(/"CUC KIN" of organization HIDDEN/);
  });

  it("a dry-run import reports another organization's live numbers without naming it, and says nothing of its pending ones", async () => {
    const other = await h.activeOrganization('OTHER2', 'Cơ quan Khác', 'ministry');
    const brand = await h.activeBrandname(other, 'KHAC', 'Cơ quan Khác');
    const live = freshNumber();
    const pending = freshNumber();
    const n = await root.post(`/v1/organizations/${other}/numbers`).send({ number: live.national, brandnameId: brand }).expect(201);
    await reg2.post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    await root.post(`/v1/organizations/${other}/numbers`).send({ number: pending.national, brandnameId: brand }).expect(201);
    const csv = `number,label,holdingCarrier\n${live.national},BO TTTT,HOLDER\n${pending.national},BO TTTT,HOLDER\n`;
    const report = await micAdmin
      .post(`/v1/organizations/${micId}/numbers/import?dryRun=true`)
      .attach('file', Buffer.from(csv), 'n.csv')
      .expect(200);
    expect(report.body).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(report.body.rows).toEqual([
      {
        line: 2,
        input: `${live.national},BO TTTT,HOLDER`,
        error: { code: 'DUPLICATE_NUMBER', message: `${live.e164} is already registered` },
      },
    ]);
  });
});

describe('8. every sign-in is audited, never with the password', () => {
  it('records success and failure with the address', async () => {
    await h.http().post('/v1/auth/login').send({ username: 'reg3', password: 'reg3-password-123' }).expect(200);
    await h.http().post('/v1/auth/login').send({ username: 'reg3', password: 'wrong-password-999' }).expect(401);
    await h.http().post('/v1/auth/login').send({ username: 'nobody', password: 'nobody-password-1' }).expect(401);
    const rows = await h.ds.query(
      `SELECT action, actor_id, ip, after FROM audit_events WHERE action LIKE 'auth.%' ORDER BY seq DESC LIMIT 3`,
    );
    const [reg3Id] = await h.ds.query(`SELECT id FROM users WHERE username = 'reg3'`);
    expect(rows.map((r: { action: string; actor_id: string | null; after: object }) => [r.action, r.actor_id, r.after])).toEqual([
      ['auth.login_failed', null, { username: 'nobody', reason: 'unknown_user' }],
      ['auth.login_failed', null, { username: 'reg3', reason: 'wrong_password' }],
      ['auth.login', reg3Id.id, { username: 'reg3' }],
    ]);
    for (const r of rows) expect(r.ip).toMatch(/127\.0\.0\.1|::1/);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE after::text LIKE '%password-%'`);
    expect(n).toBe(0);
  });
});

describe('a rename is no outage', () => {
  it('the old name answers until the revision is approved, then the new one, never none in between', async () => {
    const n = await activeNumber();
    await within(5000, async () => expect((await answer(n.e164)).display?.label).toBe('BO TTTT'));
    const seen: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const a = await answer(n.e164);
        seen.push(a.verdict === 'brand' ? a.display.label : a.verdict);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const current = (await root.get(`/v1/brandnames/${micBrand}`).expect(200)).body;
    const res = await micAdmin
      .patch(`/v1/brandnames/${micBrand}`)
      .send({ version: current.version, label: 'BO KHCN', displayName: 'Bộ KH&CN' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'active',
      label: 'BO TTTT',
      pendingRevision: { changes: { label: 'BO KHCN', displayName: 'Bộ KH&CN' } },
    });
    await within(5000, async () => expect(seen.length).toBeGreaterThan(5));
    await reg2.post(`/v1/brandnames/${micBrand}/revision/approve`).send({}).expect(200);
    await within(5000, async () => expect(seen[seen.length - 1]).toBe('BO KHCN'));
    polling = false;
    await poller;
    const firstNew = seen.indexOf('BO KHCN');
    expect(seen.slice(0, firstNew).every((s) => s === 'BO TTTT')).toBe(true);
    expect(seen.slice(firstNew).every((s) => s === 'BO KHCN')).toBe(true);
    const renamed = (await root.get(`/v1/brandnames/${micBrand}`).expect(200)).body;
    expect(renamed).toMatchObject({ label: 'BO KHCN', status: 'active', pendingRevision: null });
    expect(Date.parse(renamed.approvedAt)).toBeGreaterThan(Date.parse(current.approvedAt));
  });
});
