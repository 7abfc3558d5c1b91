import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The review routes over HTTP: each answers its status with the item, or the JSON error shape with the refusing
 * rule; the request bodies are validated (a reason of the wrong type, a PATCH without its version). The rules
 * themselves (four eyes, the life cycle, reasons, optimistic locking, name policy, number checks, races) are the
 * medium tier's: test/medium/registry/review-rules.medium-spec.ts.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;
type Kind = 'organizations' | 'brandnames' | 'numbers';

const KINDS: Kind[] = ['organizations', 'brandnames', 'numbers'];
const EDIT: Record<Kind, Record<string, unknown>> = {
  organizations: { rolloutWave: 2 },
  brandnames: { callReason: 'Thông báo' },
  numbers: { evidence: 'Công văn 1' },
};

let h: RegistryHarness;
let root: Client;
let reg2: Client;
let reg3: Client;
let hostOrgId: string;
let hostBrandnameId: string;

let seq = 0;
const next = () => ++seq;

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

/** A new pending item of the kind, submitted by root. */
async function submit(kind: Kind): Promise<{ id: string; version: number }> {
  const n = next();
  let res: Response;
  if (kind === 'organizations') {
    res = await root.post('/v1/organizations').send({ code: `ORG${n}`, name: `Tổ chức thử ${n}`, kind: 'other' });
  } else if (kind === 'brandnames') {
    res = await root.post(`/v1/organizations/${hostOrgId}/brandnames`).send({ label: `NHAN ${n}`, displayName: `Nhãn thử ${n}` });
  } else {
    res = await root
      .post(`/v1/organizations/${hostOrgId}/numbers`)
      .send({ number: `0912${String(n).padStart(6, '0')}`, brandnameId: hostBrandnameId });
  }
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('pending');
  return res.body;
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  reg2 = await h.as('reg2');
  reg3 = await h.as('reg3');
  hostOrgId = await h.activeOrganization('HOST', 'Cơ quan chủ quản', 'ministry');
  hostBrandnameId = await h.activeBrandname(hostOrgId, 'HOST', 'Cơ quan chủ quản');
});
afterAll(() => h.stop());

describe.each(KINDS)('%s', (kind) => {
  it('GET, PATCH and every review route answer 200 with the item, or the error shape with the rule that refused', async () => {
    const item = await submit(kind);
    const own = await root.post(`/v1/${kind}/${item.id}/approve`).send({});
    expectError(own, 403, 'FOUR_EYES_REQUIRED');
    expect(own.body.rule).toEqual(expect.any(String));
    const patched = await reg2
      .patch(`/v1/${kind}/${item.id}`)
      .send({ version: item.version, ...EDIT[kind] })
      .expect(200);
    expect(patched.body).toMatchObject({ ...EDIT[kind], version: item.version + 1 });
    expect((await reg3.post(`/v1/${kind}/${item.id}/approve`).send({}).expect(200)).body.status).toBe('active');
    expect((await root.get(`/v1/${kind}/${item.id}`).expect(200)).body.status).toBe('active');
    expectError(await reg3.post(`/v1/${kind}/${item.id}/approve`).send({}), 409, 'INVALID_TRANSITION');

    expect((await reg2.post(`/v1/${kind}/${item.id}/suspend`).send({ reason: 'Nghi giả mạo' }).expect(200)).body.status).toBe('suspended');
    const asked = await root.post(`/v1/${kind}/${item.id}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    expect(asked.body).toMatchObject({ status: 'suspended', pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' } });
    const requester = await root.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({});
    expectError(requester, 403, 'FOUR_EYES_REQUIRED');
    expect(requester.body.rule).toBe('same_account');
    expect(
      (await reg3.post(`/v1/${kind}/${item.id}/reinstate/reject`).send({ reason: 'Chưa đủ' }).expect(200)).body.pendingReinstate,
    ).toBeNull();
    await root.post(`/v1/${kind}/${item.id}/reinstate`).send({ reason: 'Đã xác minh lại' }).expect(200);
    expect((await reg3.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({}).expect(200)).body.status).toBe('active');

    const current = (await root.get(`/v1/${kind}/${item.id}`).expect(200)).body;
    expectError(await reg2.patch(`/v1/${kind}/${item.id}`).send({ version: current.version - 1, ...EDIT[kind] }), 409, 'VERSION_CONFLICT');
    expect((await reg2.post(`/v1/${kind}/${item.id}/revoke`).send({ reason: 'Thu hồi' }).expect(200)).body.status).toBe('revoked');
    const rejected = await submit(kind);
    expect((await reg2.post(`/v1/${kind}/${rejected.id}/reject`).send({ reason: 'Thiếu hồ sơ' }).expect(200)).body.status).toBe('rejected');
  });

  it('a reason that is missing, blank or not a string is 400 VALIDATION_FAILED naming it', async () => {
    const item = await submit(kind);
    for (const body of [{}, { reason: '   \n ' }, { reason: 42 }]) {
      const res = await reg3.post(`/v1/${kind}/${item.id}/reject`).send(body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.fields.map((f: { field: string }) => f.field))]).toEqual(['reason']);
    }
    expect((await root.get(`/v1/${kind}/${item.id}`).expect(200)).body.status).toBe('pending');
  });

  it('a PATCH without the version it read is 400 VALIDATION_FAILED naming it', async () => {
    const item = await submit(kind);
    const res = await reg2.patch(`/v1/${kind}/${item.id}`).send({ ...EDIT[kind] });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'version' })]));
  });
});

it('a pending revision is approved or rejected on its own routes', async () => {
  const b = await root.post(`/v1/organizations/${hostOrgId}/brandnames`).send({ label: 'TAN SO', displayName: 'Tần số' }).expect(201);
  await reg2.post(`/v1/brandnames/${b.body.id}/approve`).send({}).expect(200);
  const live = (await root.get(`/v1/brandnames/${b.body.id}`).expect(200)).body;
  const renamed = await root.patch(`/v1/brandnames/${b.body.id}`).send({ version: live.version, displayName: 'Tần số mới' }).expect(200);
  expect(renamed.body).toMatchObject({
    displayName: 'Tần số',
    pendingRevision: { status: 'pending', changes: { displayName: 'Tần số mới' } },
  });
  expectError(await root.post(`/v1/brandnames/${b.body.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
  expectError(await reg2.post(`/v1/brandnames/${b.body.id}/revision/reject`).send({}), 400, 'VALIDATION_FAILED');
  const rejected = await reg2.post(`/v1/brandnames/${b.body.id}/revision/reject`).send({ reason: 'Chưa rõ' }).expect(200);
  expect(rejected.body).toMatchObject({ displayName: 'Tần số', pendingRevision: null });
  const again = await root
    .patch(`/v1/brandnames/${b.body.id}`)
    .send({ version: rejected.body.version, displayName: 'Tần số mới' })
    .expect(200);
  expect(again.body.pendingRevision.status).toBe('pending');
  const approved = await reg2.post(`/v1/brandnames/${b.body.id}/revision/approve`).send({}).expect(200);
  expect(approved.body).toMatchObject({ displayName: 'Tần số mới', pendingRevision: null });
  expectError(await reg2.post(`/v1/brandnames/${b.body.id}/revision/approve`).send({}), 404, 'NOT_FOUND');
});
