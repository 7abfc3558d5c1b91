import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The audit log over HTTP: one event per state change with who, what, before/after, the request's id and address;
 * no secrets in it; filters and cursor paging; the CSV export; the database refuses to rewrite it; and the hash
 * chain catches a rewrite done behind the database's back (and put back, so the chain is whole for whatever runs
 * next). "every state change" is a story: its steps build on each other, in order, like an operator's day. Every
 * review step of every kind, and the services' refusals writing nothing, are checked on the pipeline itself:
 * test/medium/registry/audit-trail.medium-spec.ts.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;
type Method = 'get' | 'post' | 'patch' | 'delete';

interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK = /^(::ffff:127\.0\.0\.1|127\.0\.0\.1|::1)$/;

let h: RegistryHarness;
let root: Client;
let reg2: Client;
let admin: Client;
let ids: { root: string; reg2: string; admin: string };
let orgId: string;
let brandnameId: string;
let numberId: string;
let apiKey: string;
let requestNo = 0;

async function eventCount(): Promise<number> {
  const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_events`);
  return n;
}

/** Every event as the database holds it, as one string to search. */
async function allEventsJson(): Promise<string> {
  return JSON.stringify(await h.ds.query(`SELECT * FROM audit_events ORDER BY seq`));
}

async function events(query: string): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const res = await root.get(`/v1/audit-events?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

interface Expected {
  actor: keyof typeof ids;
  role: string;
  action: string;
  entityType: string;
  /** Defaults to the response's id. */
  entityId?: string;
  /** null for creations; otherwise the item as read just before. */
  before: object | null;
  /** Defaults to the response body. */
  after?: object | ((res: Response) => object);
}

/**
 * Sends one state-changing request with its own X-Request-Id and checks that exactly one audit event was
 * written for it, carrying everything expected.
 */
async function audited(
  client: Client,
  method: Method,
  url: string,
  body: object | undefined,
  status: number,
  expected: Expected,
): Promise<{ res: Response; event: AuditEvent }> {
  const requestId = `audit-spec-${++requestNo}`;
  const countBefore = await eventCount();
  const res = await client[method](url).set('X-Request-Id', requestId).send(body);
  expect(res.status).toBe(status);

  expect(await eventCount()).toBe(countBefore + 1);
  const [event] = (await events('limit=1')).items;
  // The names are read at list time (tested below); the event itself is what was stored.
  const { actorName, entityName, ...stored } = event;
  expect(actorName === null).toBe(!ids[expected.actor]);
  expect(entityName === undefined).toBe(false);
  expect(stored).toEqual({
    seq: countBefore + 1,
    occurredAt: expect.any(String),
    actorId: ids[expected.actor],
    actorRole: expected.role,
    actorLabel: null,
    action: expected.action,
    entityType: expected.entityType,
    entityId: expected.entityId ?? res.body.id,
    before: expected.before,
    after: typeof expected.after === 'function' ? expected.after(res) : (expected.after ?? res.body),
    requestId,
    ip: expect.stringMatching(LOOPBACK),
    prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  return { res, event };
}

/**
 * The review steps of a live item, in order: approve, suspend, then a reinstatement requested (by the suspender,
 * which may ask) and rejected by another person, requested again and approved by another person, then revoke.
 * A request is audited with the request alone (nothing of the item changes); a decision with the item before and
 * after, and the decided request.
 */
function reviewSteps(kind: string, reason: (action: string) => string) {
  type Step = { path: string; client: () => Client; actor: 'root' | 'reg2'; body: object; action: string; after?: Expected['after'] };
  const request: Step = {
    path: 'reinstate',
    client: () => reg2,
    actor: 'reg2',
    body: { reason: reason('reinstate') },
    action: 'reinstate_request',
    after: (res) => ({
      status: 'suspended',
      pendingReinstate: {
        ...res.body.pendingReinstate,
        kind: 'reinstate',
        status: 'pending',
        reason: reason('reinstate'),
        submittedBy: ids.reg2,
      },
    }),
  };
  const decided = (status: string, decisionReason: string | null) => (res: Response) => ({
    ...res.body,
    decidedReinstate: expect.objectContaining({ kind: 'reinstate', status, reason: reason('reinstate'), submittedBy: ids.reg2 }),
    reason: decisionReason,
  });
  const steps: Step[] = [
    { path: 'approve', client: () => reg2, actor: 'reg2', body: {}, action: 'approve' },
    { path: 'suspend', client: () => reg2, actor: 'reg2', body: { reason: reason('suspend') }, action: 'suspend' },
    request,
    {
      path: 'reinstate/reject',
      client: () => root,
      actor: 'root',
      body: { reason: 'Chưa đủ căn cứ' },
      action: 'reinstate_reject',
      after: decided('rejected', 'Chưa đủ căn cứ'),
    },
    request,
    // Whoever suspended and requested it may not approve it: another person does.
    {
      path: 'reinstate/approve',
      client: () => root,
      actor: 'root',
      body: {},
      action: 'reinstate_approve',
      after: decided('approved', null),
    },
    { path: 'revoke', client: () => reg2, actor: 'reg2', body: { reason: reason('revoke') }, action: 'revoke' },
  ];
  return steps.map((step) => ({ ...step, url: (id: string) => `/v1/${kind}/${id}/${step.path}` }));
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.holdingCarrier();
  const users = await root.get('/v1/users').expect(200);
  ids = { root: users.body.find((u: { username: string }) => u.username === ROOT.username).id, reg2: '', admin: '' };
});
afterAll(() => h.stop());

describe('every state change writes exactly one audit event', () => {
  it('user.create_bootstrap_pair: the first regulator creates the second', async () => {
    const { res } = await audited(root, 'post', '/v1/users', { username: 'reg2', password: 'reg2-password-123', role: 'regulator' }, 201, {
      actor: 'root',
      role: 'regulator',
      action: 'user.create_bootstrap_pair',
      entityType: 'user',
      before: null,
    });
    ids.reg2 = res.body.id;
    reg2 = await h.as('reg2');
  });

  it('organization.create, .update, .approve', async () => {
    const created = await audited(
      root,
      'post',
      '/v1/organizations',
      { code: 'MIC', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry' },
      201,
      {
        actor: 'root',
        role: 'regulator',
        action: 'organization.create',
        entityType: 'organization',
        before: null,
      },
    );
    orgId = created.res.body.id;
    const updated = await audited(root, 'patch', `/v1/organizations/${orgId}`, { version: 1, rolloutWave: 1 }, 200, {
      actor: 'root',
      role: 'regulator',
      action: 'organization.update',
      entityType: 'organization',
      before: created.res.body,
    });
    expect(updated.event.after).toMatchObject({ rolloutWave: 1, version: 2 });
    const approved = await audited(reg2, 'post', `/v1/organizations/${orgId}/approve`, {}, 200, {
      actor: 'reg2',
      role: 'regulator',
      action: 'organization.approve',
      entityType: 'organization',
      before: updated.res.body,
    });
    expect(approved.event.after).toMatchObject({ status: 'active' });
  });

  it('user.create of an agency admin', async () => {
    const { res } = await audited(
      root,
      'post',
      '/v1/users',
      { username: 'mic.admin', password: 'mic.admin-password-123', role: 'agency_admin', organizationId: orgId },
      201,
      { actor: 'root', role: 'regulator', action: 'user.create', entityType: 'user', before: null },
    );
    ids.admin = res.body.id;
    admin = await h.as('mic.admin');
  });

  it('brandname.create, .update, .approve', async () => {
    const created = await audited(
      admin,
      'post',
      `/v1/organizations/${orgId}/brandnames`,
      { label: 'BO TTTT', displayName: 'Bộ TT&TT' },
      201,
      {
        actor: 'admin',
        role: 'agency_admin',
        action: 'brandname.create',
        entityType: 'brandname',
        before: null,
      },
    );
    brandnameId = created.res.body.id;
    const updated = await audited(admin, 'patch', `/v1/brandnames/${brandnameId}`, { version: 1, callReason: 'Thông báo' }, 200, {
      actor: 'admin',
      role: 'agency_admin',
      action: 'brandname.update',
      entityType: 'brandname',
      before: created.res.body,
    });
    // root created mic.admin's account, so a submission of mic.admin needs another regulator.
    await audited(reg2, 'post', `/v1/brandnames/${brandnameId}/approve`, {}, 200, {
      actor: 'reg2',
      role: 'regulator',
      action: 'brandname.approve',
      entityType: 'brandname',
      before: updated.res.body,
    });
  });

  it('number.create, .update and every review action', async () => {
    const body = { number: '024 3943 7142', brandnameId, holdingCarrier: 'HOLDER' };
    const created = await audited(admin, 'post', `/v1/organizations/${orgId}/numbers`, body, 201, {
      actor: 'admin',
      role: 'agency_admin',
      action: 'number.create',
      entityType: 'number',
      before: null,
    });
    numberId = created.res.body.id;
    let before = (
      await audited(admin, 'patch', `/v1/numbers/${numberId}`, { version: 1, evidence: 'Công văn 123/BTTTT' }, 200, {
        actor: 'admin',
        role: 'agency_admin',
        action: 'number.update',
        entityType: 'number',
        before: created.res.body,
      })
    ).res.body;
    await h.confirmHolding(numberId);
    for (const step of reviewSteps('numbers', (action) => `Lý do ${action}`)) {
      if (step.action === 'reinstate_approve') {
        // The suspender's own approval of the reinstatement it requested is refused, and writes nothing.
        const countBefore = await eventCount();
        expectError(await reg2.post(step.url(numberId)).send({}), 403, 'FOUR_EYES_REQUIRED');
        expect(await eventCount()).toBe(countBefore);
      }
      const { res } = await audited(step.client(), 'post', step.url(numberId), step.body, 200, {
        actor: step.actor,
        role: 'regulator',
        action: `number.${step.action}`,
        entityType: 'number',
        entityId: numberId,
        before: step.action === 'reinstate_request' ? null : before,
        after: step.after,
      });
      before = res.body;
    }
    expect(before).toMatchObject({ status: 'revoked', statusReason: 'Lý do revoke', pendingReinstate: null });
    const other = (
      await admin
        .post(`/v1/organizations/${orgId}/numbers`)
        .send({ number: '0912345678', brandnameId, holdingCarrier: 'HOLDER' })
        .expect(201)
    ).body;
    await audited(root, 'post', `/v1/numbers/${other.id}/reject`, { reason: 'Thiếu hồ sơ' }, 200, {
      actor: 'root',
      role: 'regulator',
      action: 'number.reject',
      entityType: 'number',
      before: other,
    });
  });

  it('number.import, recorded against the organization with the file digest and counts', async () => {
    const csv = 'number,label,holdingCarrier\n1800 1234,BO TTTT,HOLDER\n12345,BO TTTT,HOLDER\n';
    const requestId = `audit-spec-${++requestNo}`;
    const countBefore = await eventCount();
    const res = await admin
      .post(`/v1/organizations/${orgId}/numbers/import`)
      .set('X-Request-Id', requestId)
      .attach('file', Buffer.from(csv), { filename: 'numbers.csv', contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(await eventCount()).toBe(countBefore + 1);
    const [event] = (await events('limit=1')).items;
    expect(event).toMatchObject({
      actorId: ids.admin,
      actorRole: 'agency_admin',
      action: 'number.import',
      entityType: 'organization',
      entityId: orgId,
      before: null,
      after: { sha256: createHash('sha256').update(csv).digest('hex'), total: 2, accepted: 1, rejected: 1 },
      requestId,
      ip: expect.stringMatching(LOOPBACK),
    });
    // A dry run changes nothing and writes nothing.
    await admin.post(`/v1/organizations/${orgId}/numbers/import?dryRun=true`).attach('file', Buffer.from(csv), 'numbers.csv').expect(200);
    expect(await eventCount()).toBe(countBefore + 1);
  });

  it('carrier.create, .update, carrier_api_key.create and .revoke', async () => {
    const created = await audited(root, 'post', '/v1/carriers', { code: 'VIETTEL', name: 'Viettel' }, 201, {
      actor: 'root',
      role: 'regulator',
      action: 'carrier.create',
      entityType: 'carrier',
      before: null,
    });
    const carrierId = created.res.body.id;
    await audited(root, 'patch', `/v1/carriers/${carrierId}`, { version: 1, name: 'Viettel Telecom' }, 200, {
      actor: 'root',
      role: 'regulator',
      action: 'carrier.update',
      entityType: 'carrier',
      before: created.res.body,
    });

    const requestId = `audit-spec-${++requestNo}`;
    const keyRes = await root.post(`/v1/carriers/${carrierId}/api-keys`).set('X-Request-Id', requestId).expect(201);
    apiKey = keyRes.body.key;
    expect(apiKey).toMatch(/^vbr_viettel_/);
    const { key: _clear, ...keyDto } = keyRes.body;
    const [keyEvent] = (await events('limit=1')).items;
    expect(keyEvent).toMatchObject({
      actorId: ids.root,
      action: 'carrier_api_key.create',
      entityType: 'carrier_api_key',
      entityId: keyDto.id,
      before: null,
      after: keyDto,
      requestId,
    });

    await audited(root, 'delete', `/v1/carriers/${carrierId}/api-keys/${keyDto.id}`, undefined, 200, {
      actor: 'root',
      role: 'regulator',
      action: 'carrier_api_key.revoke',
      entityType: 'carrier_api_key',
      entityId: keyDto.id,
      before: keyDto,
    });
  });

  it('refused requests and reads write nothing', async () => {
    // The services' refusals (a transition, a version, a label, a username) are the medium tier's
    // (test/medium/registry/audit-trail.medium-spec.ts); here, the routes' own.
    const countBefore = await eventCount();
    expectError(await admin.post('/v1/organizations').send({ code: 'X1', name: 'Cơ quan X', kind: 'other' }), 403, 'FORBIDDEN');
    expectError(await h.http().post('/v1/organizations').send({ code: 'X2', name: 'Cơ quan X', kind: 'other' }), 401, 'UNAUTHENTICATED');
    expectError(await reg2.post(`/v1/numbers/${numberId}/approve`).send({ status: 'active' }), 400, 'VALIDATION_FAILED');
    await root.get('/v1/organizations').expect(200);
    await root.get(`/v1/numbers/${numberId}`).expect(200);
    await root.get('/v1/audit-events/verify').expect(200);
    expect(await eventCount()).toBe(countBefore);
  });

  it('auth.login and auth.login_failed: every sign-in, with the address and never the password', async () => {
    const countBefore = await eventCount();
    await h.http().post('/v1/auth/login').send({ username: 'reg2', password: 'wrong-password-123' }).expect(401);
    expect(await eventCount()).toBe(countBefore + 1);
    const [event] = (await events('limit=1')).items;
    expect(event).toMatchObject({
      actorId: null,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: ids.reg2,
      after: { username: 'reg2', reason: 'wrong_password' },
      ip: expect.stringMatching(LOOPBACK),
    });
  });
});

describe('request ids', () => {
  it('the X-Request-Id is stored and echoed in errors; without a usable one the event gets a fresh UUID', async () => {
    const err = await root.get('/v1/numbers/00000000-0000-4000-8000-000000000000').set('X-Request-Id', 'support-ticket-42');
    expect(err.body).toMatchObject({ code: 'NOT_FOUND', requestId: 'support-ticket-42' });

    for (const header of [undefined, 'x'.repeat(129), 'has space', '<script>']) {
      const req = root.post('/v1/organizations');
      if (header !== undefined) req.set('X-Request-Id', header);
      const res = await req.send({ code: `RID${++requestNo}`, name: 'Cơ quan thử', kind: 'other' });
      expect(res.status).toBe(201);
      const [event] = (await events('limit=1')).items;
      expect(event.entityId).toBe(res.body.id);
      expect(event.requestId).toMatch(UUID);
    }
  });
});

describe('secrets never reach the audit log', () => {
  it('the clear API key is in no event, nor is its secret part or its hash', async () => {
    expect(apiKey).toBeDefined();
    const json = await allEventsJson();
    expect(json).not.toContain(apiKey);
    expect(json).not.toContain(apiKey.slice(16));
    const [{ key_hash }] = await h.ds.query(`SELECT key_hash FROM carrier_api_keys`);
    expect(json).not.toContain(key_hash);
    expect(JSON.stringify((await root.get('/v1/carriers').expect(200)).body)).not.toContain(apiKey.slice(16));
  });

  it('no password hash or password is in any event or response', async () => {
    const hashes: Array<{ password_hash: string }> = await h.ds.query(`SELECT password_hash FROM users`);
    expect(hashes.length).toBeGreaterThanOrEqual(3);
    const json = await allEventsJson();
    for (const { password_hash } of hashes) {
      expect(password_hash).toMatch(/^\$argon2id\$/);
      expect(json).not.toContain(password_hash);
      expect(json).not.toContain(password_hash.split('$').pop());
    }
    expect(json).not.toMatch(/argon2|passwordHash|password_hash/i);
    expect(json).not.toMatch(/reg2-password-123|mic\.admin-password-123/);

    const created = await root
      .post('/v1/users')
      .send({ username: 'auditor', password: 'auditor-password-123', role: 'auditor' })
      .expect(201);
    const listed = await root.get('/v1/users').expect(200);
    for (const body of [created.body, listed.body]) {
      expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|password_hash|-password-123/i);
    }
  });
});

describe('reading the log', () => {
  it('verify says the chain is valid and checked every event', async () => {
    const res = await (await h.as('auditor')).get('/v1/audit-events/verify').expect(200);
    expect(res.body).toEqual({ valid: true, checked: await eventCount(), brokenAt: null, reason: null });
  });

  it('filters by entityType, entityId and actorId', async () => {
    const all = (await events('limit=500')).items;
    expect(all).toHaveLength(await eventCount());
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));

    const numbers = (await events('entityType=number&limit=500')).items;
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(all.filter((e) => e.entityType === 'number'));

    const one = (await events(`entityId=${numberId}&limit=500`)).items;
    expect(one.map((e) => e.action)).toEqual([
      'number.revoke',
      'number.reinstate_approve',
      'number.reinstate_request',
      'number.reinstate_reject',
      'number.reinstate_request',
      'number.suspend',
      'number.approve',
      'number.holding_confirm', // by the holding carrier, with its key
      'number.update',
      'number.create',
    ]);

    const byReg2 = (await events(`actorId=${ids.reg2}&limit=500`)).items;
    expect(byReg2.length).toBeGreaterThan(0);
    expect(byReg2).toEqual(all.filter((e) => e.actorId === ids.reg2));

    const both = (await events(`entityType=organization&actorId=${ids.admin}&limit=500`)).items;
    expect(both.map((e) => e.action)).toEqual(['number.import']);

    const middle = all[Math.floor(all.length / 2)];
    const since = (await events(`from=${encodeURIComponent(middle.occurredAt)}&limit=500`)).items;
    expect(since).toEqual(all.filter((e) => e.occurredAt >= middle.occurredAt));
    const until = (await events(`to=${encodeURIComponent(middle.occurredAt)}&limit=500`)).items;
    expect(until).toEqual(all.filter((e) => e.occurredAt < middle.occurredAt));
  });

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const all = (await events('limit=500')).items.map((e) => e.seq);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: AuditEvent[]; nextCursor: string | null } = await events(`limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));

    const filtered: number[] = [];
    cursor = null;
    do {
      const page: { items: AuditEvent[]; nextCursor: string | null } = await events(
        `entityType=number&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      filtered.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(filtered).toEqual((await events('entityType=number&limit=500')).items.map((e) => e.seq));
  });

  it('names the actor and the object as people know them, not by id', async () => {
    const page = await events(`entityType=number&entityId=${numberId}&limit=500`);
    const created = page.items.find((e) => e.action === 'number.create')!;
    const [{ e164 }] = await h.ds.query(`SELECT e164 FROM caller_numbers WHERE id = $1`, [numberId]);
    expect(created).toMatchObject({ entityName: e164, actorName: expect.any(String) });
    const org = (await events(`entityType=organization&entityId=${orgId}&limit=1`)).items[0];
    expect(org.entityName).toMatch(/^[A-Z0-9_]+ — \S/); // "CODE — Name"
    const byRoot = (await events(`actorId=${ids.root}&limit=1`)).items[0];
    expect(byRoot.actorName).toBe(ROOT.username);
  });

  it('exports a filtered range as CSV: Vietnamese headers, actions and changes in words, Vietnam time, the same events as the list', async () => {
    const listed = (await events(`entityType=number&limit=500`)).items;
    const res = await (await h.as('auditor')).get(`/v1/audit-events/export?entityType=number`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="nhat-ky.csv"');
    const text: string = res.text;
    expect(text.startsWith('\ufeffSTT,Thời điểm (giờ Việt Nam),Người thực hiện,Vai trò,Hành động,Mã hành động,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(listed.length + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(listed.map((e) => e.seq));
    const approve = lines.find((l) => l.includes(',number.approve,'))!;
    expect(approve).toContain('Phê duyệt số điện thoại');
    expect(approve).toContain('Trạng thái: Chờ duyệt → Hoạt động');
    expect(approve).toMatch(/^\d+,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2},/);
    // The time is Vietnam's: the list's UTC instant plus seven hours.
    const event = listed.find((e) => e.action === 'number.approve')!;
    const local = new Date(new Date(event.occurredAt).getTime() + 7 * 3_600_000).toISOString();
    expect(approve).toContain(`${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`);
    // A range: nothing before `from`.
    const after = listed[Math.floor(listed.length / 2)];
    const ranged = await root.get(`/v1/audit-events/export?entityType=number&from=${encodeURIComponent(after.occurredAt)}`).expect(200);
    const seqs = ranged.text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l: string) => Number(l.split(',')[0]));
    expect(seqs).toEqual(listed.filter((e) => e.occurredAt >= after.occurredAt).map((e) => e.seq));
  });

  it('the export is for regulators and auditors only, and refuses bad filters', async () => {
    await admin.get('/v1/audit-events/export').expect(403);
    await h.http().get('/v1/audit-events/export').expect(401);
    expectError(await root.get('/v1/audit-events/export?from=yesterday'), 400, 'VALIDATION_FAILED');
    expectError(await root.get('/v1/audit-events/export?entityType=bogus'), 400, 'VALIDATION_FAILED');
  });

  it.each(['entityType=bogus', 'actorId=not-a-uuid', 'cursor=abc', 'cursor=-1', 'limit=0', 'limit=501', 'from=yesterday'])(
    'a bad query (%s) is 400 VALIDATION_FAILED',
    async (query) => {
      expectError(await root.get(`/v1/audit-events?${query}`), 400, 'VALIDATION_FAILED');
    },
  );
});

describe('the database refuses to rewrite history', () => {
  it.each([
    ['UPDATE', `UPDATE audit_events SET action = 'number.approve' WHERE seq = 2`],
    ['UPDATE', `UPDATE audit_events SET after = '{}'`],
    ['DELETE', `DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`],
    ['DELETE', `DELETE FROM audit_events`],
    ['TRUNCATE', `TRUNCATE audit_events`],
  ])('%s: %s', async (op, sql) => {
    const countBefore = await eventCount();
    await expect(h.ds.query(sql)).rejects.toThrow(`audit_events is append-only: ${op} refused`);
    expect(await eventCount()).toBe(countBefore);
    expect((await root.get('/v1/audit-events/verify').expect(200)).body.valid).toBe(true);
  });
});

describe('tampering behind the database', () => {
  const bypassingTriggers = (sql: string, params: unknown[]) =>
    h.ds.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(sql, params);
    });

  it('an event rewritten by a superuser bypassing the triggers is found by verify', async () => {
    const [approval] = (await events(`entityId=${orgId}&limit=500`)).items.filter((e) => e.action === 'organization.approve');
    const seq = approval.seq;
    expect(seq).toBeGreaterThan(1);
    const [original] = await h.ds.query(`SELECT after FROM audit_events WHERE seq = $1`, [seq]);
    await bypassingTriggers(`UPDATE audit_events SET after = '{"tampered":true}' WHERE seq = $1`, [seq]);
    try {
      const [stored] = await h.ds.query(`SELECT after FROM audit_events WHERE seq = $1`, [seq]);
      expect(stored.after).toEqual({ tampered: true });
      const res = await root.get('/v1/audit-events/verify').expect(200);
      expect(res.body).toEqual({ valid: false, checked: seq - 1, brokenAt: seq, reason: 'the event was altered' });
    } finally {
      // Put it back, so no test after this one (in whatever order) meets a broken chain.
      await bypassingTriggers(`UPDATE audit_events SET after = $2 WHERE seq = $1`, [seq, JSON.stringify(original.after)]);
    }
    expect((await root.get('/v1/audit-events/verify').expect(200)).body.valid).toBe(true);
  });
});
