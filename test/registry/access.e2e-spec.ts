import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Who may call what over HTTP: an agency admin none of the regulators' routes, an auditor reads only, no token or
 * a bad one is 401, malformed ids are 404 and unknown fields are refused (sign-in throttling:
 * sign-in-throttling.e2e-spec.ts). An agency admin's
 * confinement to its own organization and its items (the services' scope rules) is the medium tier's:
 * test/medium/registry/access.medium-spec.ts.
 *
 * Login budget: the registry allows 30 logins a minute per address, and this whole file shares one address.
 * Tokens are cached per user by the harness; the comments count the logins each part spends.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let root: Client;
let adminA: Client;
let auditor: Client;
let orgA: string;
let orgB: string;
let brandA: string;
let brandB: string;
let numberA: { id: string; version: number };
let numberB: { id: string; version: number };
let carrierId: string;
let keyId: string;
let counter = 0;
const freshNumber = () => `0913${String(++counter).padStart(6, '0')}`;

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

/** Rows in the tables a refused request could have written to. */
async function writes(): Promise<Record<string, number>> {
  const [row] = await h.ds.query(`
    SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM brandnames)::int AS brandnames,
           (SELECT count(*) FROM caller_numbers)::int AS numbers, (SELECT count(*) FROM users)::int AS users,
           (SELECT count(*) FROM carriers)::int AS carriers, (SELECT count(*) FROM carrier_api_keys)::int AS keys,
           (SELECT count(*) FROM audit_events)::int AS audit,
           (SELECT string_agg(status || version, ',' ORDER BY id) FROM caller_numbers) AS number_states`);
  return row;
}

function csvFile(number: string, label: string): Buffer {
  return Buffer.from(`number,label,holdingCarrier\n${number},${label},HOLDER\n`);
}

const REVIEW_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'];

beforeAll(async () => {
  // Logins: root, reg2, a.admin, auditor (4).
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.createUser('reg2', 'regulator');
  await h.holdingCarrier();
  orgA = await h.activeOrganization('ORG_A', 'Cơ quan A', 'ministry');
  orgB = await h.activeOrganization('ORG_B', 'Cơ quan B', 'ministry');
  brandA = await h.activeBrandname(orgA, 'CO QUAN A', 'Cơ quan A');
  brandB = await h.activeBrandname(orgB, 'DON VI B', 'Đơn vị B'); // one letter from A's would be a near look-alike
  numberA = (await root.post(`/v1/organizations/${orgA}/numbers`).send({ number: freshNumber(), brandnameId: brandA }).expect(201)).body;
  numberB = (await root.post(`/v1/organizations/${orgB}/numbers`).send({ number: freshNumber(), brandnameId: brandB }).expect(201)).body;
  const carrier = await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  carrierId = carrier.body.id;
  keyId = (await root.post(`/v1/carriers/${carrierId}/api-keys`).expect(201)).body.id;
  await h.createUser('a.admin', 'agency_admin', orgA);
  await h.createUser('auditor', 'auditor');
  adminA = await h.as('a.admin');
  auditor = await h.as('auditor');
});
afterAll(() => h.stop());

describe('an agency admin', () => {
  it('gets 403 FORBIDDEN on organizations, other roles’ accounts, carriers and the audit log', async () => {
    const before = await writes();
    const refused = [
      await adminA.post('/v1/organizations').send({ code: 'ORG_C', name: 'Cơ quan C', kind: 'other' }),
      await adminA.patch(`/v1/organizations/${orgA}`).send({ version: 2, name: 'Cơ quan A mới' }),
      await adminA.post('/v1/users').send({ username: 'a.admin2', password: 'a.admin2-password-123', role: 'regulator' }),
      await adminA.get('/v1/carriers'),
      await adminA.post('/v1/carriers').send({ code: 'MOBIFONE', name: 'MobiFone' }),
      await adminA.patch(`/v1/carriers/${carrierId}`).send({ version: 1, status: 'suspended' }),
      await adminA.post(`/v1/carriers/${carrierId}/api-keys`),
      await adminA.delete(`/v1/carriers/${carrierId}/api-keys/${keyId}`),
      await adminA.get('/v1/audit-events'),
      await adminA.get('/v1/audit-events/verify'),
    ];
    refused.forEach((res) => expectError(res, 403, 'FORBIDDEN'));
    expect(await writes()).toEqual(before);
  });
});

describe('an auditor reads only', () => {
  it('can read organizations, brandnames, numbers, carriers and the audit log', async () => {
    const orgs = await auditor.get('/v1/organizations');
    expect(orgs.status).toBe(200);
    expect(orgs.body.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([orgA, orgB]));
    expect((await auditor.get(`/v1/organizations/${orgB}`)).status).toBe(200);
    expect((await auditor.get(`/v1/organizations/${orgB}/brandnames`)).status).toBe(200);
    const numbers = await auditor.get(`/v1/organizations/${orgB}/numbers?status=pending`);
    expect(numbers.status).toBe(200);
    expect(numbers.body.items.map((n: { id: string }) => n.id)).toEqual([numberB.id]);
    expect((await auditor.get(`/v1/numbers/${numberA.id}`)).status).toBe(200);
    expect((await auditor.get('/v1/carriers')).status).toBe(200);
    const events = await auditor.get('/v1/audit-events');
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    expect((await auditor.get('/v1/audit-events/verify')).body.valid).toBe(true);
  });

  it('gets 403 FORBIDDEN on every POST, PATCH and DELETE, and nothing is written', async () => {
    const before = await writes();
    const refused = [
      await auditor.post('/v1/organizations').send({ code: 'ORG_C', name: 'Cơ quan C', kind: 'other' }),
      await auditor.patch(`/v1/organizations/${orgA}`).send({ version: 2, rolloutWave: 1 }),
      await auditor.post(`/v1/organizations/${orgA}/brandnames`).send({ label: 'KIEM TOAN', displayName: 'Kiểm toán' }),
      await auditor.patch(`/v1/brandnames/${brandA}`).send({ version: 2, callReason: 'Kiểm toán' }),
      await auditor.post(`/v1/organizations/${orgA}/numbers`).send({ number: freshNumber(), brandnameId: brandA }),
      await auditor.patch(`/v1/numbers/${numberA.id}`).send({ version: numberA.version, evidence: 'Kiểm toán' }),
      await auditor.post(`/v1/organizations/${orgA}/numbers/import`).attach('file', csvFile(freshNumber(), 'CO QUAN A'), 'numbers.csv'),
      ...(await Promise.all(REVIEW_ACTIONS.map((a) => auditor.post(`/v1/numbers/${numberA.id}/${a}`).send({ reason: 'thử' })))),
      await auditor.get('/v1/users'),
      await auditor.post('/v1/users').send({ username: 'auditor2', password: 'auditor2-password-123', role: 'auditor' }),
      await auditor.post('/v1/carriers').send({ code: 'MOBIFONE', name: 'MobiFone' }),
      await auditor.patch(`/v1/carriers/${carrierId}`).send({ version: 1, status: 'suspended' }),
      await auditor.post(`/v1/carriers/${carrierId}/api-keys`),
      await auditor.delete(`/v1/carriers/${carrierId}/api-keys/${keyId}`),
    ];
    refused.forEach((res) => expectError(res, 403, 'FORBIDDEN'));
    expect(await writes()).toEqual(before);
  });
});

describe('authentication', () => {
  it('no token is 401 UNAUTHENTICATED', async () => {
    for (const res of [
      await h.http().get('/v1/organizations'),
      await h.http().get(`/v1/numbers/${numberA.id}`),
      await h.http().post('/v1/organizations').send({ code: 'ORG_C', name: 'Cơ quan C', kind: 'other' }),
      await h.http().post(`/v1/numbers/${numberA.id}/approve`).send({}),
      await h.http().get('/v1/audit-events'),
    ]) {
      expectError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('a garbage, tampered, unsigned or non-bearer token is 401 UNAUTHENTICATED', async () => {
    const valid = await h.token(ROOT.username, ROOT.password);
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const tokens = [
      'garbage',
      'a.b.c',
      `${header}.${payload}.${flipped}`,
      `${header}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${signature}`,
    ];
    for (const token of tokens) {
      const res = await h.http().get('/v1/organizations').set('Authorization', `Bearer ${token}`);
      expect({ token, status: res.status, code: res.body.code }).toEqual({ token, status: 401, code: 'UNAUTHENTICATED' });
    }
    for (const authorization of [`Basic ${Buffer.from('root:root-password-123').toString('base64')}`, valid, `Bearer  ${valid}`]) {
      expectError(await h.http().get('/v1/organizations').set('Authorization', authorization), 401, 'UNAUTHENTICATED');
    }
    // The genuine token still works.
    expect((await h.http().get('/v1/organizations').set('Authorization', `Bearer ${valid}`)).status).toBe(200);
  });

  it('a wrong password or an unknown user is 401 with the same message (2 logins)', async () => {
    const wrong = await h.http().post('/v1/auth/login').send({ username: 'a.admin', password: 'not-the-password-123' });
    expectError(wrong, 401, 'UNAUTHENTICATED');
    const unknown = await h.http().post('/v1/auth/login').send({ username: 'nobody.here', password: 'not-the-password-123' });
    expectError(unknown, 401, 'UNAUTHENTICATED');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.body).not.toHaveProperty('accessToken');
  });
});

describe('malformed requests', () => {
  // Each with a body valid for its route, so that only the id can be what is wrong.
  const NIL = '00000000-0000-4000-8000-000000000000';
  const review = { reason: 'lý do' };
  const brandname = { label: 'KHONG CO', displayName: 'Không có' };
  const number = () => ({ number: freshNumber(), brandnameId: NIL });
  it.each<[string, string, object | undefined]>([
    ['GET', '/v1/organizations/not-a-uuid', undefined],
    ['GET', '/v1/organizations/1', undefined],
    ['PATCH', '/v1/organizations/abc', { version: 1 }],
    ['GET', "/v1/organizations/'%3B%20DROP%20TABLE%20users%3B--/brandnames", undefined],
    ['POST', '/v1/organizations/123/brandnames', brandname],
    ['GET', '/v1/organizations/xyz/numbers', undefined],
    ['POST', '/v1/organizations/xyz/numbers', number()],
    ['POST', '/v1/organizations/xyz/numbers/import', undefined],
    ['GET', '/v1/brandnames/not-a-uuid', undefined],
    ['PATCH', '/v1/brandnames/not-a-uuid', { version: 1 }],
    ['GET', '/v1/numbers/12345', undefined],
    ['PATCH', '/v1/numbers/12345', { version: 1 }],
    ['POST', '/v1/numbers/12345/approve', {}],
    ['POST', '/v1/brandnames/not-a-uuid/revoke', review],
    ['POST', '/v1/organizations/00000000-0000-0000-0000-00000000000g/suspend', review],
    ['POST', `/v1/widgets/${NIL}/approve`, {}],
    ['PATCH', '/v1/carriers/not-a-uuid', { version: 1 }],
    ['POST', '/v1/carriers/not-a-uuid/api-keys', undefined],
    ['DELETE', `/v1/carriers/${NIL}/api-keys/not-a-uuid`, undefined],
    // Well-formed ids that name nothing.
    ['GET', `/v1/organizations/${NIL}`, undefined],
    ['POST', `/v1/organizations/${NIL}/brandnames`, brandname],
    ['GET', `/v1/numbers/${NIL}`, undefined],
    ['PATCH', `/v1/numbers/${NIL}`, { version: 1 }],
    ['POST', `/v1/numbers/${NIL}/approve`, {}],
    ['POST', `/v1/organizations/${NIL}/suspend`, review],
  ])('%s %s is 404 NOT_FOUND', async (method, url, body) => {
    const client = root as unknown as Record<string, (u: string) => ReturnType<Client['get']>>;
    const res = await client[method.toLowerCase()](url).send(body);
    expectError(res, 404, 'NOT_FOUND');
  });

  it('an unknown body field is 400 VALIDATION_FAILED naming it, and nothing is written', async () => {
    const before = await writes();
    const cases: Array<[Response, string]> = [
      [await root.post('/v1/organizations').send({ code: 'ORG_C', name: 'Cơ quan C', kind: 'other', status: 'active' }), 'status'],
      [
        await adminA
          .post(`/v1/organizations/${orgA}/numbers`)
          .send({ number: freshNumber(), brandnameId: brandA, holdingCarrier: 'HOLDER', organizationId: orgB }),
        'organizationId',
      ],
      [await adminA.patch(`/v1/numbers/${numberA.id}`).send({ version: numberA.version, status: 'active' }), 'status'],
      [await adminA.patch(`/v1/numbers/${numberA.id}`).send({ version: numberA.version, lastChangedBy: null }), 'lastChangedBy'],
      [await root.post(`/v1/numbers/${numberA.id}/reject`).send({ reason: 'x', actorId: 'y' }), 'actorId'],
      [
        await root.post('/v1/users').send({ username: 'x.user', password: 'x.user-password-123', role: 'auditor', isAdmin: true }),
        'isAdmin',
      ],
    ];
    for (const [res, field] of cases) {
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.fields).toEqual([{ field, message: `property ${field} should not exist` }]);
      expect(res.body.message).toContain(field);
    }
    expect(await writes()).toEqual(before);
  });
});
