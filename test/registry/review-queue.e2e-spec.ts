import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

/**
 * Issue 16: search across organizations, the review queue in one request, bulk approval item by item, and the
 * agency admin's emergency stop, with the insider attacks on it.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let lookup: NestFastifyApplication;
let key: string;
let root: Client;
let reg2: Client;
let micAdmin: Client;
let bcaAdmin: Client;
let auditor: Client;
let micId: string;
let micBrand: string;
let bcaId: string;
let bcaBrand: string;

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

const answer = async (number: string) =>
  (await request(lookup.getHttpServer()).get(`/v1/lookup/${number}`).set('X-Api-Key', key).expect(200)).body;

let seq = 0;
/** A pending number of `orgId`, registered by `by` (a regulator: no holding carrier needed). */
async function pendingNumber(by: Client, orgId: string, brandId: string, number?: string): Promise<{ id: string; e164: string }> {
  const national = number ?? `0915${String(++seq).padStart(6, '0')}`;
  const res = await by.post(`/v1/organizations/${orgId}/numbers`).send({ number: national, brandnameId: brandId }).expect(201);
  return { id: res.body.id, e164: res.body.number };
}

async function activeNumber(orgId: string, brandId: string, number?: string): Promise<{ id: string; e164: string }> {
  const n = await pendingNumber(root, orgId, brandId, number);
  await reg2.post(`/v1/numbers/${n.id}/approve`).send({}).expect(200);
  return n;
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.holdingCarrier();
  await h.createUser('reg2', 'regulator');
  reg2 = await h.as('reg2');
  const viettel = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body;
  key = (await root.post(`/v1/carriers/${viettel.id}/api-keys`).expect(201)).body.key;
  micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  micBrand = await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
  bcaId = await h.activeOrganization('BCA', 'Bộ Công an');
  bcaBrand = await h.activeBrandname(bcaId, 'BO CONG AN', 'Bộ Công an');
  await h.createUser('mic.admin', 'agency_admin', micId);
  await h.createUser('bca.admin', 'agency_admin', bcaId);
  await h.createUser('auditor', 'auditor');
  micAdmin = await h.as('mic.admin');
  bcaAdmin = await h.as('bca.admin');
  auditor = await h.as('auditor');
  lookup = await createLookupApp();
  await within(EVENTUALLY_MS, async () => void (await answer('0912000000')));
});
afterAll(async () => {
  await lookup?.close();
  await h?.stop();
});

describe('search', () => {
  let mic: { id: string; e164: string };
  beforeAll(async () => {
    mic = await activeNumber(micId, micBrand, '024 3943 7142');
    await activeNumber(bcaId, bcaBrand, '024 3943 7199');
  });

  it.each(['+84 24 3943 7142', '0243 943 7142', '842439437142'])('finds a number written as %s, with its organization', async (q) => {
    const res = await root.get(`/v1/numbers?q=${encodeURIComponent(q)}`).expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1 });
    expect(res.body.items).toEqual([
      {
        id: mic.id,
        number: '+842439437142',
        nationalNumber: '024 3943 7142',
        organization: { id: micId, code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
        label: 'BO TTTT',
        status: 'active',
        direction: 'outbound',
      },
    ]);
  });

  it('a prefix finds every number starting so, across organizations, a page at a time', async () => {
    const res = await auditor.get('/v1/numbers?q=02439&pageSize=1').expect(200);
    expect(res.body).toMatchObject({ total: 2, pageSize: 1 });
    const second = await auditor.get('/v1/numbers?q=02439&pageSize=1&page=2').expect(200);
    expect([res.body.items[0].organization.code, second.body.items[0].organization.code].sort()).toEqual(['BCA', 'MIC']);
  });

  it("an agency admin finds only its own organization's numbers, whatever it asks", async () => {
    const res = await micAdmin.get(`/v1/numbers?q=02439&organizationId=${bcaId}`);
    expectError(res, 400, 'VALIDATION_FAILED'); // no such parameter: the organization is the session's
    const own = await micAdmin.get('/v1/numbers?q=02439').expect(200);
    expect(own.body.items.map((i: { organization: { code: string } }) => i.organization.code)).toEqual(['MIC']);
  });

  it('text that is no number is VALIDATION_FAILED, never a 500', async () => {
    expectError(await root.get('/v1/numbers?q=bo%20cong%20an'), 400, 'VALIDATION_FAILED');
    expectError(await root.get('/v1/numbers'), 400, 'VALIDATION_FAILED');
    expectError(await root.get(`/v1/numbers?q=${'9'.repeat(100)}`), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['bo cong an', ['BCA']],
    ['BỘ CÔNG', ['BCA']],
    ['thong tin', ['MIC']],
    ['mic', ['MIC']],
    ['%', []],
    ['_', []],
  ])('organizations by code or name, diacritics-insensitive: %s', async (q, codes) => {
    const res = await root.get(`/v1/organizations?q=${encodeURIComponent(q)}`).expect(200);
    expect(res.body.map((o: { code: string }) => o.code)).toEqual(codes);
  });

  it('"đ" matches "d"', async () => {
    const id = await h.activeOrganization('DN', 'Sở Tư pháp Đà Nẵng');
    const res = await root.get('/v1/organizations?q=da%20nang').expect(200);
    expect(res.body.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await micAdmin.get('/v1/organizations?q=da%20nang').expect(200)).body).toEqual([]);
  });
});

describe('the review queue', () => {
  it('one request lists every kind with what a reviewer reads, and who is barred by four eyes', async () => {
    const org = (await root.post('/v1/organizations').send({ code: 'TAX', name: 'Tổng cục Thuế', kind: 'ministry' }).expect(201)).body;
    const brand = (
      await reg2
        .post(`/v1/organizations/${micId}/brandnames`)
        .send({ label: 'CUC ATTT', displayName: 'Cục ATTT', callReason: 'Cảnh báo' })
        .expect(201)
    ).body;
    const n = await pendingNumber(root, micId, micBrand);
    await root
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: 1, direction: 'inbound_only', allowedOrigins: ['VIETTEL'], evidence: 'Công văn 12/BTTTT' })
      .expect(200);
    const live = await activeNumber(micId, micBrand);
    const liveRow = (await root.get(`/v1/numbers/${live.id}`).expect(200)).body;
    await reg2.patch(`/v1/numbers/${live.id}`).send({ version: liveRow.version, direction: 'inbound_only' }).expect(200);
    const held = await activeNumber(micId, micBrand);
    await reg2.post(`/v1/numbers/${held.id}/suspend`).send({ reason: 'Nghi giả mạo' }).expect(200);
    await root.post(`/v1/numbers/${held.id}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);

    const res = await root.get(`/v1/reviews/pending?limit=200`).expect(200);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(org.id)).toMatchObject({
      kind: 'organizations',
      change: 'new',
      organization: { id: org.id, code: 'TAX', name: 'Tổng cục Thuế' },
      submittedBy: { username: 'root' },
      reason: null,
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account', reason: expect.any(String) },
    });
    expect(byId.get(brand.id)).toMatchObject({
      kind: 'brandnames',
      label: 'CUC ATTT',
      displayName: 'Cục ATTT',
      callReason: 'Cảnh báo',
      submittedBy: { username: 'reg2' },
    });
    expect((byId.get(brand.id) as { fourEyes: unknown }).fourEyes).toEqual({ allowed: true });
    expect(byId.get(n.id)).toMatchObject({
      kind: 'numbers',
      change: 'new',
      number: n.e164,
      nationalNumber: expect.stringMatching(/^0915 /),
      direction: 'inbound_only',
      allowedOrigins: ['VIETTEL'],
      evidence: 'Công văn 12/BTTTT',
      label: 'BO TTTT',
      organization: { code: 'MIC' },
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account' },
      version: 2,
    });
    expect(byId.get(live.id)).toMatchObject({
      kind: 'numbers',
      change: 'revision',
      status: 'active',
      direction: 'outbound', // the live value answers until the revision is approved
      changes: [{ field: 'direction', before: 'outbound', after: 'inbound_only' }],
      submittedBy: { username: 'reg2' },
    });
    expect((byId.get(live.id) as { fourEyes: unknown }).fourEyes).toEqual({ allowed: true });
    // A requested reinstatement: neither its suspender (reg2) nor its requester (root) may approve it.
    expect(byId.get(held.id)).toMatchObject({
      kind: 'numbers',
      change: 'reinstate',
      status: 'suspended',
      reason: 'Đã xác minh',
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account' },
    });
    const forReg2 = (await reg2.get(`/v1/reviews/pending?limit=200`).expect(200)).body.items;
    expect(forReg2.find((i: { id: string }) => i.id === held.id)).toMatchObject({
      change: 'reinstate',
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account' },
    });
    expect(res.body.total).toBe(res.body.items.length);
    expect(res.body.nextCursor).toBeNull();

    const filtered = await root.get(`/v1/reviews/pending?kind=numbers&organizationId=${micId}`).expect(200);
    expect(
      filtered.body.items.every((i: { kind: string; organization: { id: string } }) => i.kind === 'numbers' && i.organization.id === micId),
    ).toBe(true);
  });

  it('pages with an opaque cursor, with no cap: every item once, in order', async () => {
    for (let i = 0; i < 7; i++) await pendingNumber(root, bcaId, bcaBrand);
    const all = (await reg2.get('/v1/reviews/pending?limit=200').expect(200)).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Response = await reg2
        .get(`/v1/reviews/pending?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      expect(page.body.total).toBe(all.total);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('a forged cursor or a bad filter is VALIDATION_FAILED; agency admins and auditors are refused', async () => {
    expectError(await root.get('/v1/reviews/pending?cursor=bm90LWEtY3Vyc29y'), 400, 'VALIDATION_FAILED');
    expectError(
      await root.get(`/v1/reviews/pending?cursor=${Buffer.from('["x","numbers","y"]').toString('base64url')}`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await root.get('/v1/reviews/pending?kind=users'), 400, 'VALIDATION_FAILED');
    expectError(await root.get('/v1/reviews/pending?limit=201'), 400, 'VALIDATION_FAILED');
    expectError(await micAdmin.get('/v1/reviews/pending'), 403, 'FORBIDDEN');
    expectError(await auditor.get('/v1/reviews/pending'), 403, 'FORBIDDEN');
  });
});

describe('bulk approval', () => {
  it('approves each item on its own: a four-eyes refusal leaves the others approved, each audited', async () => {
    const mine = await pendingNumber(root, micId, micBrand);
    const a = await pendingNumber(reg2, micId, micBrand);
    const b = await pendingNumber(reg2, bcaId, bcaBrand);
    const live = await activeNumber(micId, micBrand);
    const row = (await root.get(`/v1/numbers/${live.id}`).expect(200)).body;
    await reg2
      .patch(`/v1/numbers/${live.id}`)
      .send({ version: row.version, allowedOrigins: ['VIETTEL', 'INTERNATIONAL'] })
      .expect(200);
    const items = [mine, a, live, b].map((n) => ({ kind: 'numbers', id: n.id }));
    const res = await root.post('/v1/reviews/approve').send({ items }).expect(200);
    expect(res.body.results).toEqual([
      { kind: 'numbers', id: mine.id, ok: false, error: { code: 'FOUR_EYES_REQUIRED', message: expect.any(String), rule: 'same_account' } },
      { kind: 'numbers', id: a.id, ok: true, status: 'active' },
      { kind: 'numbers', id: live.id, ok: true, status: 'active' },
      { kind: 'numbers', id: b.id, ok: true, status: 'active' },
    ]);
    expect((await root.get(`/v1/numbers/${live.id}`).expect(200)).body).toMatchObject({
      allowedOrigins: ['INTERNATIONAL', 'VIETTEL'].sort(),
      pendingRevision: null,
    });
    const audited = await h.ds.query(
      `SELECT entity_id, action FROM audit_events WHERE entity_id = ANY($1) AND action IN ('number.approve', 'number.revision_approve')`,
      [[mine.id, a.id, live.id, b.id]],
    );
    const pairs = audited.map((r: { entity_id: string; action: string }) => `${r.entity_id} ${r.action}`).sort();
    // live's own approval came before; the batch added its revision's.
    expect(pairs).toEqual(
      [`${a.id} number.approve`, `${b.id} number.approve`, `${live.id} number.approve`, `${live.id} number.revision_approve`].sort(),
    );
    await within(EVENTUALLY_MS, async () => expect((await answer(a.e164)).verdict).toBe('brand'));
    expect((await root.get(`/v1/numbers/${mine.id}`).expect(200)).body.status).toBe('pending');
  });

  it('a requested reinstatement is approved only when the batch names it, and only by a person who took no part', async () => {
    const n = await activeNumber(micId, micBrand);
    await root.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Nghi giả mạo' }).expect(200);
    await root.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    const item = { kind: 'numbers', id: n.id, change: 'reinstate' };
    const own = await root
      .post('/v1/reviews/approve')
      .send({ items: [item] })
      .expect(200);
    expect(own.body.results).toEqual([
      { ...item, ok: false, error: { code: 'FOUR_EYES_REQUIRED', message: expect.any(String), rule: 'same_account' } },
    ]);
    // Without `change`, a live item's pending revision is what a batch approves: a reinstatement is never lifted by accident.
    const unnamed = await reg2
      .post('/v1/reviews/approve')
      .send({ items: [{ kind: 'numbers', id: n.id }] })
      .expect(200);
    expect(unnamed.body.results).toEqual([
      { kind: 'numbers', id: n.id, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
    ]);
    expect((await root.get(`/v1/numbers/${n.id}`).expect(200)).body.status).toBe('suspended');
    const res = await reg2
      .post('/v1/reviews/approve')
      .send({ items: [item] })
      .expect(200);
    expect(res.body.results).toEqual([{ ...item, ok: true, status: 'active' }]);
    const [event] = await h.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'number.reinstate_approve'`,
      [n.id],
    );
    expect(event.n).toBe(1);
  });

  it('an unknown item or one already decided is reported, not thrown', async () => {
    const n = await activeNumber(micId, micBrand);
    const res = await root
      .post('/v1/reviews/approve')
      .send({
        items: [
          { kind: 'numbers', id: n.id },
          { kind: 'brandnames', id: '00000000-0000-4000-8000-000000000000' },
        ],
      })
      .expect(200);
    expect(res.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('at most 200 items, at least one, each a kind and a uuid', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const many = Array.from({ length: 201 }, () => ({ kind: 'numbers', id }));
    expectError(await root.post('/v1/reviews/approve').send({ items: many }), 400, 'VALIDATION_FAILED');
    expectError(await root.post('/v1/reviews/approve').send({ items: [] }), 400, 'VALIDATION_FAILED');
    expectError(await root.post('/v1/reviews/approve').send({ items: [{ kind: 'users', id }] }), 400, 'VALIDATION_FAILED');
    expectError(await root.post('/v1/reviews/approve').send({ items: [{ kind: 'numbers', id: 'x' }] }), 400, 'VALIDATION_FAILED');
    expectError(await micAdmin.post('/v1/reviews/approve').send({ items: [{ kind: 'numbers', id }] }), 403, 'FORBIDDEN');
  });
});

describe("an agency admin's emergency stop", () => {
  it('suspends its own number with a reason; the lookup stops branding it like a regulator suspension', async () => {
    const n = await activeNumber(micId, micBrand);
    await within(EVENTUALLY_MS, async () => expect((await answer(n.e164)).verdict).toBe('brand'));
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({}), 400, 'VALIDATION_FAILED');
    const res = await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Nghi bị giả mạo' }).expect(200);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: 'Nghi bị giả mạo' });
    await within(EVENTUALLY_MS, async () => expect(await answer(n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' }));
    const [event] = await h.ds.query(`SELECT actor_role FROM audit_events WHERE entity_id = $1 AND action = 'number.suspend'`, [n.id]);
    expect(event).toEqual({ actor_role: 'agency_admin' });
  });

  it('suspends its own brandname', async () => {
    const b = await h.activeBrandname(micId, 'BO TTTT 2', 'Bộ TT&TT 2');
    const res = await micAdmin.post(`/v1/brandnames/${b}/suspend`).send({ reason: 'Lộ tài khoản' }).expect(200);
    expect(res.body.status).toBe('suspended');
  });

  it("attack: suspending another organization's number or brandname is refused, and nothing changes", async () => {
    const n = await activeNumber(bcaId, bcaBrand);
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Phá' }), 403, 'FORBIDDEN');
    expectError(await micAdmin.post(`/v1/brandnames/${bcaBrand}/suspend`).send({ reason: 'Phá' }), 403, 'FORBIDDEN');
    expect((await root.get(`/v1/numbers/${n.id}`).expect(200)).body.status).toBe('active');
  });

  it('attack: its own organization, reinstate, revoke, approve and revisions are refused', async () => {
    const n = await activeNumber(micId, micBrand);
    expectError(await micAdmin.post(`/v1/organizations/${micId}/suspend`).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/revoke`).send({ reason: 'x' }), 403, 'FORBIDDEN');
    await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Tạm dừng khẩn cấp' }).expect(200);
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'Nhầm' }), 403, 'FORBIDDEN');
    const pending = await pendingNumber(reg2, micId, micBrand);
    expectError(await micAdmin.post(`/v1/numbers/${pending.id}/approve`).send({}), 403, 'FORBIDDEN');
    expectError(await micAdmin.post(`/v1/numbers/${pending.id}/reject`).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 403, 'FORBIDDEN');
    expectError(await auditor.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'x' }), 403, 'FORBIDDEN');
  });

  it("a regulator's reinstate follows four eyes: not the admin's creator (it speaks for the suspender), another regulator may", async () => {
    const n = await activeNumber(micId, micBrand);
    await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Nghi bị giả mạo' }).expect(200);
    // A reinstatement is only requested: the number stays suspended until a second person approves.
    const requested = await reg2.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    expect(requested.body).toMatchObject({
      status: 'suspended',
      statusReason: 'Nghi bị giả mạo',
      pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' },
    });
    await within(EVENTUALLY_MS, async () => expect(await answer(n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' }));
    // root created mic.admin's account: that account speaks for root, so root may not lift its suspension.
    const byCreator = await root.post(`/v1/numbers/${n.id}/reinstate/approve`).send({});
    expectError(byCreator, 403, 'FOUR_EYES_REQUIRED');
    expect(byCreator.body.rule).toBe('approver_controls_author');
    // Nor may the requester approve its own request, nor an agency admin at all.
    expectError(await reg2.post(`/v1/numbers/${n.id}/reinstate/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expectError(await micAdmin.post(`/v1/numbers/${n.id}/reinstate/approve`).send({}), 403, 'FORBIDDEN');
    expect((await root.get(`/v1/numbers/${n.id}`).expect(200)).body.status).toBe('suspended');
    // A regulator who can act neither as the suspender nor as the requester may.
    await h.createUser('reg3', 'regulator');
    const res = await (await h.as('reg3')).post(`/v1/numbers/${n.id}/reinstate/approve`).send({}).expect(200);
    expect(res.body).toMatchObject({ status: 'active', statusReason: 'Đã xác minh', pendingReinstate: null });
    await within(EVENTUALLY_MS, async () => expect((await answer(n.e164)).verdict).toBe('brand'));
  });

  it('another organization cannot reinstate either', async () => {
    const n = await activeNumber(micId, micBrand);
    await micAdmin.post(`/v1/numbers/${n.id}/suspend`).send({ reason: 'Khẩn cấp' }).expect(200);
    expectError(await bcaAdmin.post(`/v1/numbers/${n.id}/reinstate`).send({ reason: 'x' }), 403, 'FORBIDDEN');
  });
});
