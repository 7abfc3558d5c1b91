import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { refused } from '../support/expect-refusal';
import { startWorld } from '../support/world';
import { ENTITY_TYPE, Item, Items, KINDS } from '../support/items';
import { MediumRegistry, Person } from '../support/medium-registry';
import { e164Of, Kind, Space } from '../support/space';

/**
 * The review rules of organizations, brandnames and numbers, on the services: four eyes, the life cycle,
 * reasons, optimistic locking, re-review of what handsets show, suspension down the organization tree, name
 * policy, number checks, and what happens when reviewers and editors race. (Their routes, bodies and error
 * shape: test/registry/review-rules.e2e-spec.ts.)
 */

type Status = 'pending' | 'active' | 'suspended' | 'rejected' | 'revoked';
type Action = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'revoke';

const ACTIONS: Action[] = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'];
/** Written out from the rules, not imported from the domain, so a changed table fails here. */
const LEGAL: Record<Status, Action[]> = {
  pending: ['approve', 'reject', 'revoke'],
  active: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
  rejected: ['revoke'],
  revoked: [],
};

let r: MediumRegistry;
let s: Space;
let items: Items;
let root: Person; // submits everything below unless said otherwise
let reg2: Person; // the usual second pair of eyes
let reg3: Person; // a third regulator, for races and for items reg2 edited
let holder: string; // the holding carrier's code
let viettel: string; // a known carrier code, for allowed origins
let hostOrgId: string; // an active ministry that owns the brandnames and numbers of the life-cycle tests
let hostBrandnameId: string;

async function auditCount(entityId: string, action?: string): Promise<number> {
  const [{ n }] = await r.ds.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND ($2::text IS NULL OR action = $2)`,
    [entityId, action ?? null],
  );
  return n;
}

async function published(e164s: string[]): Promise<Map<string, { state: string }>> {
  const rows = await r.ds.query(`SELECT e164, entry FROM published_numbers WHERE e164 = ANY($1)`, [e164s]);
  return new Map(rows.map((row: { e164: string; entry: { state: string } }) => [row.e164, row.entry]));
}

async function publishedCount(e164: string): Promise<number> {
  const [{ n }] = await r.ds.query(`SELECT count(*)::int AS n FROM published_numbers WHERE e164 = $1`, [e164]);
  return n;
}

/** A new pending item of the kind, submitted by `by` (root by default). */
async function submit(kind: Kind, by: Person = root): Promise<Item> {
  let item: Item;
  if (kind === 'organizations') {
    item = await r.get(OrganizationsService).create(by.ctx(), { code: s.code(`ORG${s.token()}`), name: 'Tổ chức thử', kind: 'other' });
  } else if (kind === 'brandnames') {
    item = await r.get(BrandnamesService).create(by.ctx(), hostOrgId, s.names());
  } else {
    // Named and confirmed by its carrier at once: these tests are about who may decide, not about holding.
    item = await r
      .get(NumbersService)
      .create(by.ctx(), hostOrgId, { number: s.number(), brandnameId: hostBrandnameId, holdingCarrier: holder });
    await s.confirmHolding(item.id);
  }
  expect(item.status).toBe('pending');
  return item;
}

function act(by: Person, kind: Kind, id: string, action: Action, reason: string | undefined = `lý do: ${action}`) {
  return items.act(by, kind, id, action, action === 'approve' ? undefined : reason);
}

/** A fresh item of the kind driven to `status` by reg2, through legal transitions only. */
async function itemIn(kind: Kind, status: Status): Promise<Item> {
  const item = await submit(kind);
  const path: Record<Status, Action[]> = {
    pending: [],
    active: ['approve'],
    suspended: ['approve', 'suspend'],
    rejected: ['reject'],
    revoked: ['revoke'],
  };
  for (const action of path[status]) await act(reg2, kind, item.id, action);
  expect((await items.get(root, kind, item.id)).status).toBe(status);
  return item;
}

/** An active brandname (fresh names, or the given ones) and an active number under `orgId`, approved by reg2. */
async function activeNumber(orgId: string, names = s.names()): Promise<{ brandnameId: string; e164: string; id: string }> {
  const brandnameId = await s.activeBrandname(orgId, names, { approver: reg2 });
  const n = await s.activeNumber(orgId, brandnameId, {}, { approver: reg2 });
  return { brandnameId, e164: n.e164, id: n.id };
}

beforeAll(async () => {
  ({
    r,
    s,
    items,
    root,
    regulators: [reg2, reg3],
  } = await startWorld('reg2', 'reg3'));
  holder = (await s.holdingCarrier()).code;
  viettel = (await s.carrier('VIETTEL')).code;
  hostOrgId = await s.activeOrganization('HOST', 'ministry', { approver: reg2 });
  hostBrandnameId = await s.activeBrandname(hostOrgId, s.names(), { approver: reg2 });
});
afterAll(() => r?.stop());

describe('four eyes', () => {
  it.each(KINDS)('the submitter cannot approve %s; another regulator can', async (kind) => {
    const item = await submit(kind);
    await refused(act(root, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await items.get(root, kind, item.id)).status).toBe('pending');
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.approve`)).toBe(0);

    expect((await act(reg2, kind, item.id, 'approve')).status).toBe('active');
  });

  it.each(KINDS)('whoever PATCHed %s cannot approve it', async (kind) => {
    const item = await submit(kind);
    const edit =
      kind === 'organizations' ? { rolloutWave: 2 } : kind === 'brandnames' ? { callReason: 'Thông báo' } : { evidence: 'Công văn 1' };
    const patched = await items.update(reg2, kind, item.id, { version: item.version, ...edit });
    expect(patched.lastChangedBy).toBe(reg2.id);

    await refused(act(reg2, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await items.get(root, kind, item.id)).status).toBe('pending');
    expect((await act(reg3, kind, item.id, 'approve')).status).toBe('active');
  });

  it.each(KINDS)('the submitter still cannot approve %s after someone else edited it', async (kind) => {
    const item = await submit(kind);
    const edit =
      kind === 'organizations' ? { rolloutWave: 3 } : kind === 'brandnames' ? { callReason: 'Nhắc lịch' } : { evidence: 'Công văn 2' };
    const patched = await items.update(reg2, kind, item.id, { version: item.version, ...edit });
    expect(patched.submittedBy).toBe(item.submittedBy);
    await refused(act(root, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await act(reg3, kind, item.id, 'approve')).status).toBe('active');
  });

  it("an agency admin's submission can be approved by any regulator but the one who created the admin's account", async () => {
    const admin = await s.agencyAdmin('host.admin', hostOrgId);
    const n = await submit('numbers', admin);
    await refused(act(root, 'numbers', n.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await act(reg3, 'numbers', n.id, 'approve')).status).toBe('active');
  });

  it.each(KINDS)(
    'lifting a suspension takes a request and a second person: neither the suspender nor the requester approves it',
    async (kind) => {
      const item = await itemIn(kind, 'suspended'); // suspended by reg2
      // root asks: the item stays suspended, with the request waiting beside it.
      const asked = await act(root, kind, item.id, 'reinstate', 'Đã xác minh: không phải lừa đảo');
      expect(asked).toMatchObject({
        status: 'suspended',
        pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh: không phải lừa đảo' },
      });
      await refused(act(root, kind, item.id, 'reinstate'), 409, 'REVISION_PENDING');
      // Neither the requester nor the suspender may approve it (the issue: one regulator lifting another's stop).
      const requester = await refused(items.reinstatement(root, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
      expect(requester.details?.rule).toBe('same_account');
      await refused(items.reinstatement(reg2, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
      expect((await items.get(root, kind, item.id)).status).toBe('suspended');
      // The server says so in advance, on the item itself.
      expect((await items.get(root, kind, item.id)).pendingReinstate.fourEyes).toMatchObject({
        allowed: false,
        code: 'FOUR_EYES_REQUIRED',
      });
      expect((await items.get(reg3, kind, item.id)).pendingReinstate.fourEyes).toEqual({ allowed: true });
      const done = await items.reinstatement(reg3, kind, item.id, 'approve');
      expect(done).toMatchObject({ status: 'active', statusReason: 'Đã xác minh: không phải lừa đảo', pendingReinstate: null });
    },
  );

  it.each(KINDS)(
    'the suspender may lift its own suspension only with a second person; a rejected request leaves it suspended',
    async (kind) => {
      const item = await itemIn(kind, 'suspended'); // suspended by reg2
      expect((await act(reg2, kind, item.id, 'reinstate', 'Nhầm số')).status).toBe('suspended');
      await refused(items.reinstatement(reg2, kind, item.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
      const noReason = await refused(items.reinstatement(root, kind, item.id, 'reject'), 400, 'VALIDATION_FAILED');
      expect(noReason.details?.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
      const rejected = await items.reinstatement(root, kind, item.id, 'reject', 'Chưa đủ căn cứ');
      expect(rejected).toMatchObject({ status: 'suspended', pendingReinstate: null });
      expect((await act(reg2, kind, item.id, 'reinstate', 'Nhầm số, đã có công văn')).status).toBe('suspended');
      expect((await items.reinstatement(root, kind, item.id, 'approve')).status).toBe('active');
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
        const err = await refused(act(reg3, kind, item.id, action), 409, 'INVALID_TRANSITION');
        expect({ action, message: err.message }).toEqual({ action, message: expect.stringContaining(status) });
      }
      expect((await items.get(root, kind, item.id)).status).toBe(status);
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
            ? await act(root, kind, item.id, action).then(() => items.reinstatement(reg3, kind, item.id, 'approve'))
            : await act(reg2, kind, item.id, action);
        expect({ action, state: res.status }).toEqual({ action, state: status });
        expect(res.statusReason).toBe(action === 'approve' ? null : `lý do: ${action}`);
      }
      const rejected = await submit(kind);
      expect((await act(reg2, kind, rejected.id, 'reject')).status).toBe('rejected');
      expect((await act(reg2, kind, rejected.id, 'revoke')).status).toBe('revoked');
    });

    it('a revoked item cannot be edited either', async () => {
      const item = await itemIn(kind, 'revoked');
      const current = await items.get(root, kind, item.id);
      await refused(items.update(root, kind, item.id, { version: current.version }), 409, 'INVALID_TRANSITION');
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
      for (const reason of [undefined, '', '   \n ']) {
        const err = await refused(items.act(reg3, kind, item.id, action, reason), 400, 'VALIDATION_FAILED');
        expect(err.details?.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
      }
      expect((await items.get(root, kind, item.id)).status).toBe(status);

      const ok = await items.act(reg3, kind, item.id, action, '  Hồ sơ chưa đủ  ');
      // A reinstatement's reason travels with its request, and becomes the status reason when it is approved.
      if (action === 'reinstate') expect(ok.pendingReinstate.reason).toBe('Hồ sơ chưa đủ');
      else expect(ok.statusReason).toBe('Hồ sơ chưa đủ');
    });
  });

  it('approve needs no reason', async () => {
    const item = await submit('organizations');
    expect((await items.act(reg2, 'organizations', item.id, 'approve')).status).toBe('active');
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
    const read = await items.get(root, kind, item.id);
    const [first, second] = EDITS[kind];

    const ok = await items.update(reg2, kind, item.id, { version: read.version, ...first });
    expect(ok).toMatchObject({ ...first, version: read.version + 1 });

    for (const stale of [read.version, read.version + 5]) {
      const err = await refused(items.update(reg3, kind, item.id, { version: stale, ...second }), 409, 'VERSION_CONFLICT');
      expect(err.message).toContain(`current ${read.version + 1}`);
    }
    expect(await items.get(root, kind, item.id)).toMatchObject({ ...first, version: read.version + 1 });
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.update`)).toBe(1);
  });
});

describe('what handsets show is reviewed before it changes, while the approved version keeps answering', () => {
  let orgId: string;
  let brandnameId: string;
  let e164: string;
  let numberId: string;
  let shown: { label: string; displayName: string };
  let orgName: string;

  beforeAll(async () => {
    orgId = await s.activeOrganization('SHOWN', 'ministry', { approver: reg2 });
    orgName = (await items.get(root, 'organizations', orgId)).name;
    const t = s.token();
    shown = { label: t, displayName: `Cục Tần số ${t}` };
    ({ brandnameId, e164, id: numberId } = await activeNumber(orgId, shown));
  });

  const brandname = () => items.get(root, 'brandnames', brandnameId);

  it('the number is published while everything is active', async () => {
    expect(await publishedCount(e164)).toBe(1);
    expect((await brandname()).status).toBe('active');
  });

  it('an edit that changes nothing shown keeps the brandname active, published, and without a revision', async () => {
    const b = await brandname();
    const res = await items.update(root, 'brandnames', brandnameId, {
      version: b.version,
      label: shown.label,
      displayName: `${shown.displayName.replace(' Tần', '  Tần')} `,
    });
    expect(res).toMatchObject({ status: 'active', pendingRevision: null });
    expect(await publishedCount(e164)).toBe(1);
  });

  it.each<[string, (t: { label: string; displayName: string }) => { edit: Record<string, string>; shown: Record<string, string> }]>([
    [
      'label',
      ({ label }) => {
        const spaced = `${label.slice(0, 3)} ${label.slice(3)}`;
        return { edit: { label: spaced }, shown: { label: spaced } };
      },
    ],
    [
      'displayName',
      ({ displayName }) => ({
        edit: { displayName: `${displayName} VTĐ` },
        shown: { name: `${displayName} VTĐ`, nameAscii: `${displayName.replace('Cục Tần số', 'Cuc Tan so')} VTD` },
      }),
    ],
    ['callReason', () => ({ edit: { callReason: 'Thông báo tần số' }, shown: { callReason: 'Thông báo tần số' } })],
  ])('a changed %s waits in a revision; the old one stays published until it is approved', async (_field, make) => {
    const b = await brandname();
    const { edit, shown: display } = make({ label: b.label, displayName: b.displayName });
    const before = (await published([e164])).get(e164);
    const res = await items.update(root, 'brandnames', brandnameId, { version: b.version, ...edit });
    expect(res).toMatchObject({
      status: 'active',
      label: b.label,
      displayName: b.displayName,
      callReason: b.callReason,
      version: b.version + 1,
    });
    expect(res.pendingRevision).toMatchObject({ status: 'pending', changes: edit, submittedBy: b.submittedBy });
    expect((await published([e164])).get(e164)).toEqual(before);

    await refused(items.revision(root, 'brandnames', brandnameId, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    await items.revision(reg2, 'brandnames', brandnameId, 'approve');
    const [entry] = (await published([e164])).values();
    expect(entry).toMatchObject({ state: 'active', display });
    expect((await brandname()).pendingRevision).toBeNull();
  });

  it('the derived ASCII name follows a new display name; an explicit ASCII override is kept', async () => {
    const brandnames = r.get(BrandnamesService);
    const t2 = s.token();
    const derived = await brandnames.create(root.ctx(), orgId, { label: t2, displayName: `Tần số hai ${t2}` });
    expect(derived.displayNameAscii).toBe(`Tan so hai ${t2}`);
    const renamed = await brandnames.update(root.ctx(), derived.id, { version: derived.version, displayName: `Tần số ba ${t2}` });
    expect(renamed).toMatchObject({ displayName: `Tần số ba ${t2}`, displayNameAscii: `Tan so ba ${t2}` });

    const t4 = s.token();
    const custom = await brandnames.create(root.ctx(), orgId, {
      label: t4,
      displayName: `Tần số bốn ${t4}`,
      displayNameAscii: `TAN SO 4 ${t4}`,
    });
    const kept = await brandnames.update(root.ctx(), custom.id, { version: custom.version, displayName: `Tần số năm ${t4}` });
    expect(kept).toMatchObject({ displayName: `Tần số năm ${t4}`, displayNameAscii: `TAN SO 4 ${t4}` });
    const reset = await brandnames.update(root.ctx(), custom.id, { version: kept.version, displayNameAscii: null });
    expect(reset.displayNameAscii).toBe(`Tan so nam ${t4}`);
  });

  it('a changed organization name waits in a revision; its numbers keep the old name until it is approved', async () => {
    const org = await items.get(root, 'organizations', orgId);
    const res = await items.update(root, 'organizations', orgId, { version: org.version, name: `${orgName} Vô tuyến điện` });
    expect(res).toMatchObject({ status: 'active', name: orgName, version: org.version + 1 });
    expect((await published([e164])).get(e164)).toMatchObject({ organization: { name: orgName } });
    await items.revision(reg2, 'organizations', orgId, 'approve');
    expect((await published([e164])).get(e164)).toMatchObject({ organization: { name: `${orgName} Vô tuyến điện` } });
    expect((await items.get(root, 'numbers', numberId)).status).toBe('active');
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
    parentId = await s.activeOrganization('BCA', 'ministry', { approver: reg2 });
    childId = await s.activeOrganization('BCA_HN', 'ministry', { approver: reg2, parentId });
    const p = await activeNumber(parentId);
    const p2 = await s.activeNumber(parentId, p.brandnameId, {}, { approver: reg2 });
    const c = await activeNumber(childId);
    parentNumbers = [p.e164, p2.e164];
    childNumbers = [c.e164];
    bystander = (await activeNumber(hostOrgId)).e164;
  });

  it('all are published active to begin with', async () => {
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['active', 'active', 'active', 'active']);
  });

  it("suspending the parent marks the parent's and the child's numbers suspended, nobody else's", async () => {
    await act(reg2, 'organizations', parentId, 'suspend', 'Đang thanh tra');
    expect(await states([...parentNumbers, ...childNumbers])).toEqual(['suspended', 'suspended', 'suspended']);
    expect(await states([bystander])).toEqual(['active']);
    // The items themselves keep their own status.
    expect((await items.get(root, 'organizations', childId)).status).toBe('active');
  });

  it('reinstating the parent (requested, then approved by someone other than who suspended or asked) brings them all back to active', async () => {
    await act(reg3, 'organizations', parentId, 'reinstate', 'Đã xong thanh tra');
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['suspended', 'suspended', 'suspended', 'active']);
    await items.reinstatement(root, 'organizations', parentId, 'approve');
    expect(await states([...parentNumbers, ...childNumbers, bystander])).toEqual(['active', 'active', 'active', 'active']);
  });

  it("suspending the child leaves the parent's numbers active", async () => {
    await act(reg2, 'organizations', childId, 'suspend');
    expect(await states([...parentNumbers, ...childNumbers])).toEqual(['active', 'active', 'suspended']);
    await act(reg3, 'organizations', childId, 'reinstate');
    await items.reinstatement(root, 'organizations', childId, 'approve');
    expect(await states(childNumbers)).toEqual(['active']);
  });
});

describe('brandname name policy', () => {
  let micId: string;
  let micCode: string;
  let mofId: string;
  let bankId: string;
  let t: string; // MIC's live brandname: label "BO <t>", display name "Bộ <t>"
  const brandnames = () => r.get(BrandnamesService);

  async function mofBrandnames(): Promise<number> {
    return (await brandnames().list(root.actor, mofId)).length;
  }

  beforeAll(async () => {
    micId = await s.activeOrganization('MIC', 'ministry', { approver: reg2 });
    micCode = s.code('MIC');
    t = s.token();
    await s.activeBrandname(micId, { label: `BO ${t}`, displayName: `Bộ ${t}` }, { approver: reg2 });
    mofId = await s.activeOrganization('MOF', 'ministry', { approver: reg2 });
    bankId = await s.activeOrganization('VCB', 'bank', { approver: reg2 });
  });

  it.each([
    ['the label with a zero for the O', () => ({ label: `B0 ${t}`, displayName: `Bộ Tài chính ${s.token()}` })],
    ['the display name spaced and without diacritics', () => ({ label: s.token(), displayName: `Bo ${t.slice(0, 3)} & ${t.slice(3)}` })],
    ['the display name in capitals', () => ({ label: s.token(), displayName: `BỘ ${t}` })],
  ])("a look-alike of MIC's live brandname from another organization is 409 CONFUSABLE_NAME: %s", async (_how, names) => {
    const err = await refused(brandnames().create(root.ctx(), mofId, names()), 409, 'CONFUSABLE_NAME');
    expect(err.message).toContain(`"BO ${t}"`);
    expect(err.message).toContain(micCode);
    expect(await mofBrandnames()).toBe(0);
  });

  it('an exact duplicate label in another organization is 409 DUPLICATE_LABEL, whatever the display name', async () => {
    await refused(
      brandnames().create(root.ctx(), mofId, { label: `bo ${t.toLowerCase()}`, displayName: `Tên khác hẳn ${s.token()}` }),
      409,
      'DUPLICATE_LABEL',
    );
    expect(await mofBrandnames()).toBe(0);
  });

  it('a look-alike by PATCH is refused too', async () => {
    const names = s.names();
    const b = await brandnames().create(root.ctx(), mofId, names);
    await refused(
      brandnames().update(root.ctx(), b.id, { version: b.version, displayName: `Bộ ${t.slice(0, 3)} & ${t.slice(3)}` }),
      409,
      'CONFUSABLE_NAME',
    );
    expect((await brandnames().get(root.actor, b.id)).displayName).toBe(names.displayName);
  });

  it('the same organization may hold look-alikes of its own names', async () => {
    const b = await brandnames().create(root.ctx(), micId, { label: `B0 ${t}`, displayName: `Bộ ${t.slice(0, 3)} & ${t.slice(3)}` });
    expect(b.status).toBe('pending');
  });

  it.each([
    // "Bộ phận" (a department) is an ordinary word; a ministry's name is not.
    [{ label: 'VCB', displayName: 'Bộ Y tế hỗ trợ' }, 'Bộ Y tế'],
    [{ label: 'CONG AN', displayName: 'Ngân hàng Việt' }, 'Công an'],
  ])('a bank using a protected state name is 422 RESERVED_NAME: %j', async (names, term) => {
    const err = await refused(brandnames().create(root.ctx(), bankId, names), 422, 'RESERVED_NAME');
    expect(err.message).toContain(`"${term}"`);
  });

  it('a bank may use a plain name', async () => {
    const t2 = s.token();
    expect((await brandnames().create(root.ctx(), bankId, { label: t2, displayName: `Vietcombank ${t2}` })).status).toBe('pending');
  });

  it.each([
    ['12 characters', 'ABCDEFGHIJKL'],
    ['a Vietnamese letter', 'BỘ'],
    ['only digits', '1900123'],
    ['only digits and separators', '1900-123'],
  ])('a label with %s is 400 INVALID_LABEL', async (_why, label) => {
    await refused(brandnames().create(root.ctx(), mofId, { label, displayName: 'Tài chính' }), 400, 'INVALID_LABEL');
  });

  it('an 11-character label is fine', async () => {
    const label = `${s.token()} ${s.token().slice(0, 3)}`;
    expect(label).toHaveLength(11);
    expect((await brandnames().create(root.ctx(), mofId, { label, displayName: `Tài chính ${label}` })).label).toBe(label);
  });
});

describe('number checks', () => {
  const numbers = () => r.get(NumbersService);

  it('a number the organization claims already, or live elsewhere, in any format, is 409 DUPLICATE_NUMBER', async () => {
    const national = s.number();
    const first = await numbers().create(root.ctx(), hostOrgId, { number: national, brandnameId: hostBrandnameId });
    const spaced = `+84 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    const again = await refused(
      numbers().create(root.ctx(), hostOrgId, { number: spaced, brandnameId: hostBrandnameId }),
      409,
      'DUPLICATE_NUMBER',
    );
    expect(again.message).toContain(e164Of(national));

    await act(reg2, 'numbers', first.id, 'approve');
    const otherOrg = await s.activeOrganization('OTHER', 'other', { approver: reg2 });
    const otherBrand = await s.activeBrandname(otherOrg, s.names(), { approver: reg2 });
    await refused(numbers().create(root.ctx(), otherOrg, { number: national, brandnameId: otherBrand }), 409, 'DUPLICATE_NUMBER');
    const [{ n }] = await r.ds.query(`SELECT count(*)::int AS n FROM caller_numbers WHERE e164 = $1`, [e164Of(national)]);
    expect(n).toBe(1);
  });

  it.each(['12345', '0912abc678', '+1 202 555 0100', '0912 345 678 999'])(
    'an invalid number is 400 INVALID_NUMBER naming the input: %s',
    async (number) => {
      const err = await refused(numbers().create(root.ctx(), hostOrgId, { number, brandnameId: hostBrandnameId }), 400, 'INVALID_NUMBER');
      expect(err.message).toContain(JSON.stringify(number));
    },
  );

  it('an unknown allowed origin is 400 INVALID_ORIGIN; a known carrier is accepted', async () => {
    const unknown = s.carrierCode('MOBIFONE');
    const bad = await refused(
      numbers().create(root.ctx(), hostOrgId, { number: s.number(), brandnameId: hostBrandnameId, allowedOrigins: [viettel, unknown] }),
      400,
      'INVALID_ORIGIN',
    );
    expect(bad.message).toContain(unknown);
    expect(bad.message).not.toContain(viettel);

    const ok = await numbers().create(root.ctx(), hostOrgId, {
      number: s.number(),
      brandnameId: hostBrandnameId,
      allowedOrigins: [viettel],
    });
    expect(ok.allowedOrigins).toEqual([viettel]);

    await refused(
      numbers().update(root.ctx(), ok.id, { version: ok.version, allowedOrigins: [s.carrierCode('NOPE')] }),
      400,
      'INVALID_ORIGIN',
    );
  });
});

describe('races', () => {
  it.each(KINDS)('two regulators approving the same %s at once: one succeeds, one is 409 INVALID_TRANSITION', async (kind) => {
    const item = await submit(kind);
    const results = await Promise.allSettled([act(reg2, kind, item.id, 'approve'), act(reg3, kind, item.id, 'approve')]);
    const outcomes = results.map((o) => (o.status === 'fulfilled' ? `ok ${o.value.status}` : `${o.reason.code}`)).sort();
    expect(outcomes).toEqual(['INVALID_TRANSITION', 'ok active']);
    expect(await auditCount(item.id, `${ENTITY_TYPE[kind]}.approve`)).toBe(1);
  });

  it('20 PATCHes of one number with the same version: one succeeds, nineteen are 409 VERSION_CONFLICT, one audit event', async () => {
    const item = await submit('numbers');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => items.update(reg2, 'numbers', item.id, { version: item.version, evidence: `Công văn số ${i}` })),
    );
    const winners = results.filter((o): o is PromiseFulfilledResult<Item> => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const losers = results.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(losers.map((o) => o.reason.code)).toEqual(Array(19).fill('VERSION_CONFLICT'));
    expect(winners[0].value.version).toBe(item.version + 1);

    const now = await items.get(root, 'numbers', item.id);
    expect(now).toMatchObject({ version: item.version + 1, evidence: winners[0].value.evidence });
    expect(await auditCount(item.id, 'number.update')).toBe(1);
  });
});
