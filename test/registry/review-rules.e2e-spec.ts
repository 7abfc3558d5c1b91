import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The review rules of organizations, brandnames and numbers: four eyes, the life cycle, reasons, optimistic
 * locking, re-review of what handsets show, suspension down the organization tree, name policy, number checks,
 * and what happens when reviewers and editors race.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;
type Kind = 'organizations' | 'brandnames' | 'numbers';
type Status = 'pending' | 'active' | 'suspended' | 'rejected' | 'revoked';
type Action = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'revoke';

const KINDS: Kind[] = ['organizations', 'brandnames', 'numbers'];
const ENTITY_TYPE: Record<Kind, string> = { organizations: 'organization', brandnames: 'brandname', numbers: 'number' };
const ACTIONS: Action[] = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'];
/** Written out from the rules, not imported from the domain, so a changed table fails here. */
const LEGAL: Record<Status, Action[]> = {
  pending: ['approve', 'reject', 'revoke'],
  active: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
  rejected: ['revoke'],
  revoked: [],
};

let h: RegistryHarness;
let root: Client; // submits everything below unless said otherwise
let reg2: Client; // the usual second pair of eyes
let reg3: Client; // a third regulator, for races and for items reg2 edited
let reg2Id: string;
let hostOrgId: string; // an active ministry that owns the brandnames and numbers of the life-cycle tests
let hostBrandnameId: string;

let seq = 0;
const next = () => ++seq;
/** A fresh valid mobile number, 0912 000 001 and up. */
const freshNumber = () => `0912${String(next()).padStart(6, '0')}`;
const e164Of = (national: string) => `+84${national.slice(1)}`;

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

async function auditCount(entityId: string, action?: string): Promise<number> {
  const [{ n }] = await h.ds.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND ($2::text IS NULL OR action = $2)`,
    [entityId, action ?? null],
  );
  return n;
}

async function published(e164s: string[]): Promise<Map<string, { state: string }>> {
  const rows = await h.ds.query(`SELECT e164, entry FROM published_numbers WHERE e164 = ANY($1)`, [e164s]);
  return new Map(rows.map((r: { e164: string; entry: { state: string } }) => [r.e164, r.entry]));
}

async function publishedCount(e164: string): Promise<number> {
  const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM published_numbers WHERE e164 = $1`, [e164]);
  return n;
}

/** A new pending item of the kind, submitted by `by` (root by default). */
async function submit(kind: Kind, by: Client = root): Promise<{ id: string; version: number; number?: string; submittedBy: string }> {
  const n = next();
  let res: Response;
  if (kind === 'organizations') {
    res = await by.post('/v1/organizations').send({ code: `ORG${n}`, name: `Tổ chức thử ${n}`, kind: 'other' });
  } else if (kind === 'brandnames') {
    res = await by.post(`/v1/organizations/${hostOrgId}/brandnames`).send({ label: `NHAN ${n}`, displayName: `Nhãn thử ${n}` });
  } else {
    // Named and confirmed by its carrier at once: these tests are about who may decide, not about holding.
    res = await by
      .post(`/v1/organizations/${hostOrgId}/numbers`)
      .send({ number: freshNumber(), brandnameId: hostBrandnameId, holdingCarrier: 'HOLDER' });
    if (res.status === 201) await h.confirmHolding(res.body.id);
  }
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('pending');
  return res.body;
}

async function act(client: Client, kind: Kind, id: string, action: Action, reason: string | undefined = `lý do: ${action}`) {
  return client.post(`/v1/${kind}/${id}/${action}`).send(action === 'approve' ? {} : { reason });
}

/** A fresh item of the kind driven to `status` by reg2, through legal transitions only. */
async function itemIn(kind: Kind, status: Status): Promise<{ id: string; number?: string }> {
  const item = await submit(kind);
  const path: Record<Status, Action[]> = {
    pending: [],
    active: ['approve'],
    suspended: ['approve', 'suspend'],
    rejected: ['reject'],
    revoked: ['revoke'],
  };
  for (const action of path[status]) {
    const res = await act(reg2, kind, item.id, action);
    expect(res.status).toBe(200);
  }
  const current = await root.get(`/v1/${kind}/${item.id}`).expect(200);
  expect(current.body.status).toBe(status);
  return item;
}

/** An active brandname and an active number under `orgId`, approved by reg2. */
async function activeNumber(orgId: string, label: string, displayName: string): Promise<{ brandnameId: string; e164: string; id: string }> {
  const brandnameId = await h.activeBrandname(orgId, label, displayName);
  const national = freshNumber();
  const n = await root.post(`/v1/organizations/${orgId}/numbers`).send({ number: national, brandnameId }).expect(201);
  await reg2.post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
  return { brandnameId, e164: e164Of(national), id: n.body.id };
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.holdingCarrier();
  reg2Id = await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  reg2 = await h.as('reg2');
  reg3 = await h.as('reg3');
  await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  hostOrgId = await h.activeOrganization('HOST', 'Cơ quan chủ quản', 'ministry');
  hostBrandnameId = await h.activeBrandname(hostOrgId, 'HOST', 'Cơ quan chủ quản');
});
afterAll(() => h.stop());

describe('four eyes', () => {
  it.each(KINDS)('the submitter cannot approve %s; another regulator can', async (kind) => {
    const item = await submit(kind);
    const own = await act(root, kind, item.id, 'approve');
    expectError(own, 403, 'FOUR_EYES_REQUIRED');
    expect((await root.get(`/v1/${kind}/${item.id}`)).body.status).toBe('pending');
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.approve`)).toBe(0);

    const other = await act(reg2, kind, item.id, 'approve');
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('active');
  });

  it.each(KINDS)('whoever PATCHed %s cannot approve it', async (kind) => {
    const item = await submit(kind);
    const edit =
      kind === 'organizations' ? { rolloutWave: 2 } : kind === 'brandnames' ? { callReason: 'Thông báo' } : { evidence: 'Công văn 1' };
    const patched = await reg2.patch(`/v1/${kind}/${item.id}`).send({ version: item.version, ...edit });
    expect(patched.status).toBe(200);
    expect(patched.body.lastChangedBy).toBe(reg2Id);

    expectError(await act(reg2, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await root.get(`/v1/${kind}/${item.id}`)).body.status).toBe('pending');
    const third = await act(reg3, kind, item.id, 'approve');
    expect(third.status).toBe(200);
    expect(third.body.status).toBe('active');
  });

  it.each(KINDS)('the submitter still cannot approve %s after someone else edited it', async (kind) => {
    const item = await submit(kind);
    const edit =
      kind === 'organizations' ? { rolloutWave: 3 } : kind === 'brandnames' ? { callReason: 'Nhắc lịch' } : { evidence: 'Công văn 2' };
    const patched = await reg2.patch(`/v1/${kind}/${item.id}`).send({ version: item.version, ...edit });
    expect(patched.status).toBe(200);
    expect(patched.body.submittedBy).toBe(item.submittedBy);
    expectError(await act(root, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await act(reg3, kind, item.id, 'approve')).status).toBe(200);
  });

  it("an agency admin's submission can be approved by any regulator but the one who created the admin's account", async () => {
    await h.createUser('host.admin', 'agency_admin', hostOrgId);
    const admin = await h.as('host.admin');
    const n = await submit('numbers', admin);
    expectError(await act(root, 'numbers', n.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    const res = await act(reg3, 'numbers', n.id, 'approve');
    expect(res.status).toBe(200);
  });

  it.each(KINDS)(
    'lifting a suspension takes a request and a second person: neither the suspender nor the requester approves it',
    async (kind) => {
      const item = await itemIn(kind, 'suspended'); // suspended by reg2
      // root asks: the item stays suspended, with the request waiting beside it.
      const asked = await act(root, kind, item.id, 'reinstate', 'Đã xác minh: không phải lừa đảo');
      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({
        status: 'suspended',
        pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh: không phải lừa đảo' },
      });
      expectError(await act(root, kind, item.id, 'reinstate'), 409, 'REVISION_PENDING');
      // Neither the requester nor the suspender may approve it (the issue: one regulator lifting another's stop).
      const requester = await root.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({});
      expectError(requester, 403, 'FOUR_EYES_REQUIRED');
      expect(requester.body.rule).toBe('same_account');
      expectError(await reg2.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
      expect((await root.get(`/v1/${kind}/${item.id}`)).body.status).toBe('suspended');
      // The server says so in advance, on the item itself.
      expect((await root.get(`/v1/${kind}/${item.id}`)).body.pendingReinstate.fourEyes).toMatchObject({
        allowed: false,
        code: 'FOUR_EYES_REQUIRED',
      });
      expect((await reg3.get(`/v1/${kind}/${item.id}`)).body.pendingReinstate.fourEyes).toEqual({ allowed: true });
      const done = await reg3.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({});
      expect(done.body).toMatchObject({ status: 'active', statusReason: 'Đã xác minh: không phải lừa đảo', pendingReinstate: null });
    },
  );

  it.each(KINDS)(
    'the suspender may lift its own suspension only with a second person; a rejected request leaves it suspended',
    async (kind) => {
      const item = await itemIn(kind, 'suspended'); // suspended by reg2
      expect((await act(reg2, kind, item.id, 'reinstate', 'Nhầm số')).body.status).toBe('suspended');
      expectError(await reg2.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
      expectError(await root.post(`/v1/${kind}/${item.id}/reinstate/reject`).send({}), 400, 'VALIDATION_FAILED');
      const rejected = await root.post(`/v1/${kind}/${item.id}/reinstate/reject`).send({ reason: 'Chưa đủ căn cứ' });
      expect(rejected.body).toMatchObject({ status: 'suspended', pendingReinstate: null });
      expect((await act(reg2, kind, item.id, 'reinstate', 'Nhầm số, đã có công văn')).status).toBe(200);
      expect((await root.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({})).body.status).toBe('active');
    },
  );
});

describe('life cycle: every illegal transition is 409 INVALID_TRANSITION', () => {
  const STATUSES = Object.keys(LEGAL) as Status[];

  describe.each(KINDS)('%s', (kind) => {
    it.each(STATUSES)(`from %s`, async (status) => {
      const item = await itemIn(kind, status);
      const illegal = ACTIONS.filter((a) => !LEGAL[status].includes(a));
      const eventsBefore = await auditCount(item.id);
      for (const action of illegal) {
        const res = await act(reg3, kind, item.id, action);
        expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'INVALID_TRANSITION' });
        expect(res.body.message).toContain(status);
      }
      const after = await root.get(`/v1/${kind}/${item.id}`).expect(200);
      expect(after.body.status).toBe(status);
      expect(await auditCount(item.id)).toBe(eventsBefore);
    });

    it('every legal transition is taken, with its reason recorded', async () => {
      const item = await submit(kind);
      const steps: Array<[Action, Status]> = [
        ['approve', 'active'],
        ['suspend', 'suspended'],
        ['reinstate', 'active'],
        ['revoke', 'revoked'],
      ];
      for (const [action, status] of steps) {
        // A reinstatement is requested (by root) and approved by a third person (reg3, not the suspender reg2).
        const res =
          action === 'reinstate'
            ? await act(root, kind, item.id, action).then(() => reg3.post(`/v1/${kind}/${item.id}/reinstate/approve`).send({}))
            : await act(reg2, kind, item.id, action);
        expect({ action, status: res.status, state: res.body.status }).toEqual({ action, status: 200, state: status });
        expect(res.body.statusReason).toBe(action === 'approve' ? null : `lý do: ${action}`);
      }
      const rejected = await submit(kind);
      expect((await act(reg2, kind, rejected.id, 'reject')).body.status).toBe('rejected');
      expect((await act(reg2, kind, rejected.id, 'revoke')).body.status).toBe('revoked');
    });

    it('a revoked item cannot be edited either', async () => {
      const item = await itemIn(kind, 'revoked');
      const current = (await root.get(`/v1/${kind}/${item.id}`)).body;
      const res = await root.patch(`/v1/${kind}/${item.id}`).send({ version: current.version });
      expectError(res, 409, 'INVALID_TRANSITION');
    });
  });
});

describe('a reason is required for reject, suspend, reinstate and revoke', () => {
  // Each action on an item where it would otherwise be legal, so only the missing reason can refuse it.
  const CASES: Array<[Exclude<Action, 'approve'>, Status]> = [
    ['reject', 'pending'],
    ['suspend', 'active'],
    ['reinstate', 'suspended'],
    ['revoke', 'active'],
  ];

  describe.each(KINDS)('%s', (kind) => {
    it.each(CASES)('%s of a %s item', async (action, status) => {
      const item = await itemIn(kind, status);
      for (const body of [{}, { reason: '' }, { reason: '   \n ' }]) {
        const res = await reg3.post(`/v1/${kind}/${item.id}/${action}`).send(body);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
      }
      const wrongType = await reg3.post(`/v1/${kind}/${item.id}/${action}`).send({ reason: 42 });
      expectError(wrongType, 400, 'VALIDATION_FAILED');
      expect((await root.get(`/v1/${kind}/${item.id}`)).body.status).toBe(status);

      const ok = await reg3.post(`/v1/${kind}/${item.id}/${action}`).send({ reason: '  Hồ sơ chưa đủ  ' });
      expect(ok.status).toBe(200);
      // A reinstatement's reason travels with its request, and becomes the status reason when it is approved.
      if (action === 'reinstate') expect(ok.body.pendingReinstate.reason).toBe('Hồ sơ chưa đủ');
      else expect(ok.body.statusReason).toBe('Hồ sơ chưa đủ');
    });
  });

  it('approve needs no reason', async () => {
    const item = await submit('organizations');
    expect((await reg2.post(`/v1/organizations/${item.id}/approve`).send({})).status).toBe(200);
  });
});

describe('optimistic locking on PATCH', () => {
  const EDITS: Record<Kind, Array<Record<string, unknown>>> = {
    organizations: [{ rolloutWave: 3 }, { rolloutWave: 4 }],
    brandnames: [{ callReason: 'Lý do một' }, { callReason: 'Lý do hai' }],
    numbers: [{ evidence: 'Công văn 1' }, { evidence: 'Công văn 2' }],
  };

  it.each(KINDS)('%s: the current version is accepted and bumped; a stale one is 409 VERSION_CONFLICT', async (kind) => {
    // Every brandname field is reviewed: on a pending one the edit applies in place, which this test reads back.
    const item = await itemIn(kind, kind === 'brandnames' ? 'pending' : 'active');
    const read = (await root.get(`/v1/${kind}/${item.id}`)).body;
    const [first, second] = EDITS[kind];

    const ok = await reg2.patch(`/v1/${kind}/${item.id}`).send({ version: read.version, ...first });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ...first, version: read.version + 1 });

    for (const stale of [read.version, read.version + 5]) {
      const res = await reg3.patch(`/v1/${kind}/${item.id}`).send({ version: stale, ...second });
      expectError(res, 409, 'VERSION_CONFLICT');
      expect(res.body.message).toContain(`current ${read.version + 1}`);
    }
    const now = (await root.get(`/v1/${kind}/${item.id}`)).body;
    expect(now).toMatchObject({ ...first, version: read.version + 1 });
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.update`)).toBe(1);

    const missing = await reg3.patch(`/v1/${kind}/${item.id}`).send({ ...second });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'version' })]));
  });
});

describe('what handsets show is reviewed before it changes, while the approved version keeps answering', () => {
  let orgId: string;
  let brandnameId: string;
  let e164: string;
  let numberId: string;

  beforeAll(async () => {
    orgId = await h.activeOrganization('SHOWN', 'Cục Tần số', 'ministry');
    ({ brandnameId, e164, id: numberId } = await activeNumber(orgId, 'CUC TAN SO', 'Cục Tần số'));
  });

  async function brandname() {
    return (await root.get(`/v1/brandnames/${brandnameId}`).expect(200)).body;
  }

  it('the number is published while everything is active', async () => {
    expect(await publishedCount(e164)).toBe(1);
    expect((await brandname()).status).toBe('active');
  });

  it('an edit that changes nothing shown keeps the brandname active, published, and without a revision', async () => {
    const b = await brandname();
    const res = await root
      .patch(`/v1/brandnames/${brandnameId}`)
      .send({ version: b.version, label: 'CUC TAN SO', displayName: 'Cục  Tần số ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', pendingRevision: null });
    expect(await publishedCount(e164)).toBe(1);
  });

  it.each<[string, { label?: string; displayName?: string; callReason?: string }, Record<string, string>]>([
    ['label', { label: 'CUC TANSO' }, { label: 'CUC TANSO' }],
    ['displayName', { displayName: 'Cục Tần số VTĐ' }, { name: 'Cục Tần số VTĐ', nameAscii: 'Cuc Tan so VTD' }],
    ['callReason', { callReason: 'Thông báo tần số' }, { callReason: 'Thông báo tần số' }],
  ])('a changed %s waits in a revision; the old one stays published until it is approved', async (_field, edit, shown) => {
    const b = await brandname();
    const before = (await published([e164])).get(e164);
    const res = await root.patch(`/v1/brandnames/${brandnameId}`).send({ version: b.version, ...edit });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'active',
      label: b.label,
      displayName: b.displayName,
      callReason: b.callReason,
      version: b.version + 1,
    });
    expect(res.body.pendingRevision).toMatchObject({ status: 'pending', changes: edit, submittedBy: b.submittedBy });
    expect((await published([e164])).get(e164)).toEqual(before);

    expectError(await root.post(`/v1/brandnames/${brandnameId}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await reg2.post(`/v1/brandnames/${brandnameId}/revision/approve`).send({})).status).toBe(200);
    const [entry] = (await published([e164])).values();
    expect(entry).toMatchObject({ state: 'active', display: shown });
    expect((await brandname()).pendingRevision).toBeNull();
  });

  it('the derived ASCII name follows a new display name; an explicit ASCII override is kept', async () => {
    const derived = await root
      .post(`/v1/organizations/${orgId}/brandnames`)
      .send({ label: 'TAN SO 2', displayName: 'Tần số hai' })
      .expect(201);
    expect(derived.body.displayNameAscii).toBe('Tan so hai');
    const renamed = await root.patch(`/v1/brandnames/${derived.body.id}`).send({ version: derived.body.version, displayName: 'Tần số ba' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Tần số ba', displayNameAscii: 'Tan so ba' });

    const custom = await root
      .post(`/v1/organizations/${orgId}/brandnames`)
      .send({ label: 'TAN SO 4', displayName: 'Tần số bốn', displayNameAscii: 'TAN SO 4' })
      .expect(201);
    const kept = await root.patch(`/v1/brandnames/${custom.body.id}`).send({ version: custom.body.version, displayName: 'Tần số năm' });
    expect(kept.body).toMatchObject({ displayName: 'Tần số năm', displayNameAscii: 'TAN SO 4' });
    const reset = await root.patch(`/v1/brandnames/${custom.body.id}`).send({ version: kept.body.version, displayNameAscii: null });
    expect(reset.body.displayNameAscii).toBe('Tan so nam');
  });

  it('a changed organization name waits in a revision; its numbers keep the old name until it is approved', async () => {
    const org = (await root.get(`/v1/organizations/${orgId}`)).body;
    const res = await root.patch(`/v1/organizations/${orgId}`).send({ version: org.version, name: 'Cục Tần số Vô tuyến điện' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', name: 'Cục Tần số', version: org.version + 1 });
    expect((await published([e164])).get(e164)).toMatchObject({ organization: { name: 'Cục Tần số' } });
    expect((await reg2.post(`/v1/organizations/${orgId}/revision/approve`).send({})).status).toBe(200);
    expect((await published([e164])).get(e164)).toMatchObject({ organization: { name: 'Cục Tần số Vô tuyến điện' } });
    expect((await root.get(`/v1/numbers/${numberId}`)).body.status).toBe('active');
  });
});

describe('suspending an organization suspends its numbers and those of its children', () => {
  let parentId: string;
  let childId: string;
  let parentNumbers: string[];
  let childNumbers: string[];
  let bystander: string;

  async function states(e164s: string[]): Promise<string[]> {
    const entries = await published(e164s);
    return e164s.map((n) => entries.get(n)?.state ?? 'absent');
  }

  beforeAll(async () => {
    parentId = await h.activeOrganization('BCA', 'Bộ Công an', 'ministry');
    const child = await root
      .post('/v1/organizations')
      .send({ code: 'BCA_HN', name: 'Công an Hà Nội', kind: 'ministry', parentId })
      .expect(201);
    childId = child.body.id;
    await reg2.post(`/v1/organizations/${childId}/approve`).send({}).expect(200);
    const p = await activeNumber(parentId, 'BO CONG AN', 'Bộ Công an');
    const p2 = await root
      .post(`/v1/organizations/${parentId}/numbers`)
      .send({ number: freshNumber(), brandnameId: p.brandnameId })
      .expect(201);
    await reg2.post(`/v1/numbers/${p2.body.id}/approve`).send({}).expect(200);
    const c = await activeNumber(childId, 'CA HA NOI', 'Công an TP Hà Nội');
    parentNumbers = [p.e164, p2.body.number];
    childNumbers = [c.e164];
    bystander = (await activeNumber(hostOrgId, 'HOST KHAC', 'Cơ quan chủ quản khác')).e164;
  });

  it('all are published active to begin with', async () => {
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['active', 'active', 'active', 'active']);
  });

  it("suspending the parent marks the parent's and the child's numbers suspended, nobody else's", async () => {
    const res = await act(reg2, 'organizations', parentId, 'suspend', 'Đang thanh tra');
    expect(res.status).toBe(200);
    expect(await states([...parentNumbers, ...childNumbers])).toEqual(['suspended', 'suspended', 'suspended']);
    expect(await states([bystander])).toEqual(['active']);
    // The items themselves keep their own status.
    expect((await root.get(`/v1/organizations/${childId}`)).body.status).toBe('active');
  });

  it('reinstating the parent (requested, then approved by someone other than who suspended or asked) brings them all back to active', async () => {
    expect((await act(reg3, 'organizations', parentId, 'reinstate', 'Đã xong thanh tra')).status).toBe(200);
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['suspended', 'suspended', 'suspended', 'active']);
    const res = await root.post(`/v1/organizations/${parentId}/reinstate/approve`).send({});
    expect(res.status).toBe(200);
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['active', 'active', 'active', 'active']);
  });

  it("suspending the child leaves the parent's numbers active", async () => {
    expect((await act(reg2, 'organizations', childId, 'suspend')).status).toBe(200);
    expect(await states([...parentNumbers, ...childNumbers])).toEqual(['active', 'active', 'suspended']);
    expect((await act(reg3, 'organizations', childId, 'reinstate')).status).toBe(200);
    expect((await root.post(`/v1/organizations/${childId}/reinstate/approve`).send({})).status).toBe(200);
    expect(await states(childNumbers)).toEqual(['active']);
  });
});

describe('brandname name policy', () => {
  let micId: string;
  let mofId: string;
  let bankId: string;

  async function mofBrandnames(): Promise<number> {
    return (await root.get(`/v1/organizations/${mofId}/brandnames`).expect(200)).body.length;
  }

  beforeAll(async () => {
    micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông', 'ministry');
    await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
    mofId = await h.activeOrganization('MOF', 'Bộ Tài chính', 'ministry');
    bankId = await h.activeOrganization('VCB', 'Ngân hàng Ngoại thương', 'bank');
  });

  it.each([
    [{ label: 'B0 TTTT', displayName: 'Bộ Tài chính' }],
    [{ label: 'BTC', displayName: 'Bo TT & TT' }],
    [{ label: 'BTC', displayName: 'BỘ TT&TT' }],
  ])("a look-alike of MIC's live brandname from another organization is 409 CONFUSABLE_NAME: %j", async (names) => {
    const res = await root.post(`/v1/organizations/${mofId}/brandnames`).send(names);
    expectError(res, 409, 'CONFUSABLE_NAME');
    expect(res.body.message).toContain('"BO TTTT"');
    expect(res.body.message).toContain('MIC');
    expect(await mofBrandnames()).toBe(0);
  });

  it('an exact duplicate label in another organization is 409 DUPLICATE_LABEL, whatever the display name', async () => {
    const res = await root.post(`/v1/organizations/${mofId}/brandnames`).send({ label: 'bo tttt', displayName: 'Tên khác hẳn' });
    expectError(res, 409, 'DUPLICATE_LABEL');
    expect(await mofBrandnames()).toBe(0);
  });

  it('a look-alike by PATCH is refused too', async () => {
    const b = await root.post(`/v1/organizations/${mofId}/brandnames`).send({ label: 'BTC', displayName: 'Bộ Tài chính' }).expect(201);
    const res = await root.patch(`/v1/brandnames/${b.body.id}`).send({ version: b.body.version, displayName: 'Bộ TT & TT' });
    expectError(res, 409, 'CONFUSABLE_NAME');
    expect((await root.get(`/v1/brandnames/${b.body.id}`)).body.displayName).toBe('Bộ Tài chính');
  });

  it('the same organization may hold look-alikes of its own names', async () => {
    const res = await root.post(`/v1/organizations/${micId}/brandnames`).send({ label: 'B0 TTTT', displayName: 'Bộ TT & TT' });
    expect(res.status).toBe(201);
  });

  it.each([
    [{ label: 'VCB', displayName: 'Bộ phận hỗ trợ' }, 'Bộ'],
    [{ label: 'CONG AN', displayName: 'Ngân hàng Việt' }, 'Công an'],
  ])('a bank using a state term is 422 RESERVED_NAME: %j', async (names, term) => {
    const res = await root.post(`/v1/organizations/${bankId}/brandnames`).send(names);
    expectError(res, 422, 'RESERVED_NAME');
    expect(res.body.message).toContain(`"${term}"`);
  });

  it('a bank may use a plain name', async () => {
    expect((await root.post(`/v1/organizations/${bankId}/brandnames`).send({ label: 'VCB', displayName: 'Vietcombank' })).status).toBe(201);
  });

  it.each([
    ['12 characters', 'ABCDEFGHIJKL'],
    ['a Vietnamese letter', 'BỘ'],
    ['only digits', '1900123'],
    ['only digits and separators', '1900-123'],
  ])('a label with %s is 400 INVALID_LABEL', async (_why, label) => {
    const res = await root.post(`/v1/organizations/${mofId}/brandnames`).send({ label, displayName: 'Tài chính' });
    expectError(res, 400, 'INVALID_LABEL');
  });

  it('an 11-character label is fine', async () => {
    expect((await root.post(`/v1/organizations/${mofId}/brandnames`).send({ label: 'TAI CHINH 1', displayName: 'Tài chính' })).status).toBe(
      201,
    );
  });
});

describe('number checks', () => {
  it('a number the organization claims already, or live elsewhere, in any format, is 409 DUPLICATE_NUMBER', async () => {
    const national = freshNumber();
    const first = await root
      .post(`/v1/organizations/${hostOrgId}/numbers`)
      .send({ number: national, brandnameId: hostBrandnameId })
      .expect(201);
    const spaced = `+84 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    const again = await root.post(`/v1/organizations/${hostOrgId}/numbers`).send({ number: spaced, brandnameId: hostBrandnameId });
    expectError(again, 409, 'DUPLICATE_NUMBER');
    expect(again.body.message).toContain(e164Of(national));

    await act(reg2, 'numbers', first.body.id, 'approve');
    const otherOrg = await h.activeOrganization('OTHER', 'Tổ chức ngoài', 'other');
    const otherBrand = await h.activeBrandname(otherOrg, 'NGOAI', 'Tổ chức ngoài');
    const elsewhere = await root.post(`/v1/organizations/${otherOrg}/numbers`).send({ number: national, brandnameId: otherBrand });
    expectError(elsewhere, 409, 'DUPLICATE_NUMBER');
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM caller_numbers WHERE e164 = $1`, [e164Of(national)]);
    expect(n).toBe(1);
  });

  it.each(['12345', '0912abc678', '+1 202 555 0100', '0912 345 678 999'])(
    'an invalid number is 400 INVALID_NUMBER naming the input: %s',
    async (number) => {
      const res = await root.post(`/v1/organizations/${hostOrgId}/numbers`).send({ number, brandnameId: hostBrandnameId });
      expectError(res, 400, 'INVALID_NUMBER');
      expect(res.body.message).toContain(JSON.stringify(number));
    },
  );

  it('an unknown allowed origin is 400 INVALID_ORIGIN; a known carrier is accepted', async () => {
    const bad = await root
      .post(`/v1/organizations/${hostOrgId}/numbers`)
      .send({ number: freshNumber(), brandnameId: hostBrandnameId, allowedOrigins: ['VIETTEL', 'MOBIFONE'] });
    expectError(bad, 400, 'INVALID_ORIGIN');
    expect(bad.body.message).toContain('MOBIFONE');
    expect(bad.body.message).not.toContain('VIETTEL');

    const ok = await root
      .post(`/v1/organizations/${hostOrgId}/numbers`)
      .send({ number: freshNumber(), brandnameId: hostBrandnameId, allowedOrigins: ['VIETTEL'] });
    expect(ok.status).toBe(201);
    expect(ok.body.allowedOrigins).toEqual(['VIETTEL']);

    const patch = await root.patch(`/v1/numbers/${ok.body.id}`).send({ version: ok.body.version, allowedOrigins: ['NOPE'] });
    expectError(patch, 400, 'INVALID_ORIGIN');
  });
});

describe('races', () => {
  it.each(KINDS)('two regulators approving the same %s at once: one 200, one 409 INVALID_TRANSITION', async (kind) => {
    const item = await submit(kind);
    const results = await Promise.all([act(reg2, kind, item.id, 'approve'), act(reg3, kind, item.id, 'approve')]);
    const outcomes = results.map((r) => `${r.status} ${r.status === 200 ? r.body.status : r.body.code}`).sort();
    expect(outcomes).toEqual(['200 active', '409 INVALID_TRANSITION']);
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.approve`)).toBe(1);
  });

  it('20 PATCHes of one number with the same version: one 200, nineteen 409 VERSION_CONFLICT, one audit event', async () => {
    const item = await submit('numbers');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        reg2.patch(`/v1/numbers/${item.id}`).send({ version: item.version, evidence: `Công văn số ${i}` }),
      ),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(19).fill('409 VERSION_CONFLICT'));
    expect(winners[0].body.version).toBe(item.version + 1);

    const now = (await root.get(`/v1/numbers/${item.id}`)).body;
    expect(now).toMatchObject({ version: item.version + 1, evidence: winners[0].body.evidence });
    expect(await auditCount(item.id, 'number.update')).toBe(1);
  });
});
