import { AuthService } from '../../../apps/registry/src/auth/auth.service';
import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { NumbersImportService } from '../../../apps/registry/src/numbers/numbers-import.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import { refused } from '../support/expect-refusal';
import { startWorld } from '../support/world';
import { handsetAnswer, publishedEntry } from '../support/handset';
import { Items } from '../support/items';
import { MediumRegistry, Person } from '../support/medium-registry';
import { ActiveNumber, Space } from '../support/space';

/**
 * The review policy, attacked as an insider would, on the services: each `describe` below is one attack that
 * worked before the policy existed (issue: "no single person can change what a handset shows, or lift a block,
 * alone"), and now ends in a stable error code or a pending revision, while the approved answer keeps being
 * published. What a lookup answers is read from the published entry by the lookup's rule (support/handset.ts);
 * test/registry/review-policy.e2e-spec.ts watches the lookup itself serve it, and the sign-ins' addresses.
 */

let r: MediumRegistry;
let s: Space;
let items: Items;
let root: Person;
let reg2: Person;
let reg3: Person;
let micAdmin: Person;
let micId: string;
let micBrand: string;
let carriers: Record<'VIETTEL' | 'VINAPHONE' | 'MOBIFONE', string>;

const users = () => r.get(UsersService);
const auth = () => r.get(AuthService);
const numbers = () => r.get(NumbersService);
const brandnames = () => r.get(BrandnamesService);

/** An active number of MIC, submitted by `by` (root by default) and approved by reg2. */
function activeNumber(body: Record<string, unknown> = {}, by: Person = root): Promise<ActiveNumber> {
  return s.activeNumber(micId, micBrand, body, { by, approver: reg2 });
}

async function userNamed(username: string) {
  return (await users().list(root.ctx())).find((u) => u.username === username)!;
}

beforeAll(async () => {
  ({
    r,
    s,
    items,
    root,
    regulators: [reg2, reg3],
  } = await startWorld('reg2', 'reg3'));
  carriers = {
    VIETTEL: (await s.carrier('VIETTEL')).code,
    VINAPHONE: (await s.carrier('VINAPHONE')).code,
    MOBIFONE: (await s.carrier('MOBIFONE')).code,
  };
  micId = await s.activeOrganization('MIC', 'ministry', { approver: reg2 });
  micBrand = await s.activeBrandname(micId, s.names(), { approver: reg2 });
  micAdmin = await s.agencyAdmin('mic.admin', micId);
});
afterAll(() => r?.stop());

describe('1. one regulator cannot make a second pair of eyes', () => {
  it('the bootstrap pair was created active once, audited as such; the next regulator waits for another regulator', async () => {
    const [pair] = await r.ds.query(`SELECT action FROM audit_events WHERE entity_id = $1::text ORDER BY seq LIMIT 1`, [r.pair.id]);
    expect(pair.action).toBe('user.create_bootstrap_pair');

    const username = s.username('sock');
    const sock = await users().create(root.ctx(), { username, password: 'sock-password-123', role: 'regulator' });
    expect(sock.status).toBe('pending');
    await refused(
      auth().login({ username: username, password: 'sock-password-123' }, { requestId: 'sock-1', ip: null }),
      401,
      'UNAUTHENTICATED',
    );
    await refused(users().decide(root.ctx(), sock.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await users().decide(reg2.ctx(), sock.id, 'approve')).status).toBe('active');
    await refused(users().decide(reg3.ctx(), sock.id, 'approve'), 409, 'INVALID_TRANSITION');
  });

  it('a refused account stays out', async () => {
    const username = s.username('sock2');
    const sock = await users().create(root.ctx(), { username, password: 'sock2-password-123', role: 'regulator' });
    await refused(users().decide(reg2.ctx(), sock.id, 'reject'), 400, 'VALIDATION_FAILED');
    expect((await users().decide(reg2.ctx(), sock.id, 'reject', 'Không rõ người dùng')).status).toBe('disabled');
    await refused(
      auth().login({ username: username, password: 'sock2-password-123' }, { requestId: 'sock2-1', ip: null }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('a promotion to regulator waits for a regulator other than the one who made it', async () => {
    const promo = await s.agencyAdmin('promo', micId);
    const user = await userNamed(promo.username);
    const res = await users().update(root.ctx(), user.id, { version: user.version, role: 'regulator', organizationId: null });
    expect(res).toMatchObject({ role: 'regulator', status: 'pending', organizationId: null });
    await refused(
      auth().login({ username: promo.username, password: promo.password }, { requestId: 'promo-1', ip: null }),
      401,
      'UNAUTHENTICATED',
    );
    await refused(users().decide(root.ctx(), user.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await users().decide(reg2.ctx(), user.id, 'approve')).status).toBe('active');
  });

  it('disabling applies at once (its tokens stop working); enabling a regulator again waits for another regulator', async () => {
    const temp = await s.regulator('reg.temp');
    expect((await auth().authenticate(temp.token)).id).toBe(temp.id);
    const user = await userNamed(temp.username);
    const disabled = await users().update(root.ctx(), user.id, { version: user.version, status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    await refused(auth().authenticate(temp.token), 401, 'UNAUTHENTICATED');
    const enabled = await users().update(root.ctx(), user.id, { version: disabled.version, status: 'active' });
    expect(enabled.status).toBe('pending');
    await refused(users().decide(root.ctx(), user.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await users().decide(reg3.ctx(), user.id, 'approve')).status).toBe('active');
    await refused(users().update(root.ctx(), user.id, { version: disabled.version, status: 'disabled' }), 409, 'VERSION_CONFLICT');
  });

  it('an agency admin account a regulator created speaks for that regulator: its submissions need someone else', async () => {
    const sock = await s.agencyAdmin('mic.sock', micId);
    const n = await numbers().create(sock.ctx(), micId, {
      number: s.number(),
      brandnameId: micBrand,
      holdingCarrier: (await s.holdingCarrier()).code,
    });
    await refused(items.act(root, 'numbers', n.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    await s.confirmHolding(n.id);
    expect((await items.act(reg2, 'numbers', n.id, 'approve')).status).toBe('active');
  });
});

describe('2. an agency admin cannot open its number to calls from abroad, or widen its validity, alone', () => {
  it.each<[string, (c: typeof carriers) => Record<string, unknown>, (c: typeof carriers) => Record<string, unknown>]>([
    [
      'widened',
      () => ({ validFrom: '2026-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z' }),
      () => ({ validTo: '2031-01-01T00:00:00.000Z' }),
    ],
    [
      'cleared',
      () => ({ validFrom: '2026-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z' }),
      () => ({ validFrom: null, validTo: null }),
    ],
    ['cleared origins', (c) => ({ allowedOrigins: [c.VIETTEL] }), () => ({ allowedOrigins: [] })],
    ['another direction', () => ({}), () => ({ direction: 'inbound_only' })],
  ])('validity or origins %s: a revision, the live values unchanged', async (_what, start, change) => {
    const n = await activeNumber(start(carriers));
    const before = await items.get(root, 'numbers', n.id);
    const edit = change(carriers);
    const res = await items.update(micAdmin, 'numbers', n.id, { version: n.version, ...edit });
    expect(res.pendingRevision.changes).toMatchObject(edit);
    for (const field of Object.keys(edit)) expect(res[field]).toEqual(before[field]);
  });

  it('revoking an item closes its waiting revision', async () => {
    const n = await activeNumber();
    await items.update(micAdmin, 'numbers', n.id, { version: n.version, allowedOrigins: ['INTERNATIONAL'] });
    const revoked = await items.act(reg2, 'numbers', n.id, 'revoke', 'Trả số');
    expect(revoked).toMatchObject({ status: 'revoked', pendingRevision: null });
    const [revision] = await r.ds.query(`SELECT status, decision_reason FROM revisions WHERE entity_id = $1`, [n.id]);
    expect(revision).toEqual({ status: 'rejected', decision_reason: 'Trả số' });
  });

  it('one pending revision per item: 409 REVISION_PENDING; a rejected revision leaves the approved values', async () => {
    const n = await activeNumber();
    const first = await items.update(micAdmin, 'numbers', n.id, { version: n.version, allowedOrigins: ['INTERNATIONAL'] });
    await refused(items.update(micAdmin, 'numbers', n.id, { version: first.version, direction: 'inbound_only' }), 409, 'REVISION_PENDING');
    await refused(items.revision(reg2, 'numbers', n.id, 'reject'), 400, 'VALIDATION_FAILED');
    const rejected = await items.revision(reg2, 'numbers', n.id, 'reject', 'Không có cơ sở');
    expect(rejected).toMatchObject({ allowedOrigins: [], pendingRevision: null });
    await refused(items.revision(reg2, 'numbers', n.id, 'approve'), 404, 'NOT_FOUND');
    const [{ n: events }] = await r.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'number.revision_reject'`,
      [n.id],
    );
    expect(events).toBe(1);
  });
});

describe('3. a suspension is lifted only by reinstate, and not by whoever suspended', () => {
  it('editing a suspended number keeps it suspended, with its reason, through an approved revision', async () => {
    const n = await activeNumber();
    const other = await s.activeBrandname(micId, s.names(), { approver: reg2 });
    await items.act(reg2, 'numbers', n.id, 'suspend', 'Nghi giả mạo');
    const current = await items.get(root, 'numbers', n.id);
    const res = await items.update(micAdmin, 'numbers', n.id, { version: current.version, brandnameId: other, direction: 'outbound' });
    expect(res).toMatchObject({ status: 'suspended', statusReason: 'Nghi giả mạo', brandnameId: micBrand });
    const approved = await items.revision(reg3, 'numbers', n.id, 'approve');
    expect(approved).toMatchObject({ status: 'suspended', statusReason: 'Nghi giả mạo', brandnameId: other });
    expect(await handsetAnswer(r.ds, n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' });

    // Whoever suspended may ask for the lifting, but its request alone lifts nothing, and it may not approve it.
    const requested = await items.act(reg2, 'numbers', n.id, 'reinstate', 'Đã xác minh');
    expect(requested).toMatchObject({
      status: 'suspended',
      statusReason: 'Nghi giả mạo',
      pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' },
    });
    expect(await handsetAnswer(r.ds, n.e164)).toMatchObject({ verdict: 'none', status: 'suspended' });
    const own = await refused(items.reinstatement(reg2, 'numbers', n.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect(own.details?.rule).toBe('same_account');
    expect((await items.get(root, 'numbers', n.id)).status).toBe('suspended');
    // reg3 neither suspended it nor asked for the lifting, and can act as neither who did.
    const lifted = await items.reinstatement(reg3, 'numbers', n.id, 'approve');
    expect(lifted).toMatchObject({ status: 'active', statusReason: 'Đã xác minh', pendingReinstate: null });
  });

  it('renaming a suspended brandname keeps it suspended', async () => {
    const names = s.names();
    const b = await s.activeBrandname(micId, names, { approver: reg2 });
    await items.act(reg2, 'brandnames', b, 'suspend', 'Kiểm tra');
    const current = await items.get(root, 'brandnames', b);
    const renamed = `${names.displayName} mới`;
    const res = await items.update(micAdmin, 'brandnames', b, { version: current.version, displayName: renamed });
    expect(res).toMatchObject({ status: 'suspended', statusReason: 'Kiểm tra', displayName: names.displayName });
    const approved = await items.revision(reg3, 'brandnames', b, 'approve');
    expect(approved).toMatchObject({ status: 'suspended', displayName: renamed });
  });
});

describe('4. a rejected organization stays rejected, and a parent change is reviewed', () => {
  it('a rejected organization cannot be renamed back to life: 409 INVALID_TRANSITION', async () => {
    const org = await r.get(OrganizationsService).create(root.ctx(), { code: s.code('FAKE'), name: 'Bộ Giả', kind: 'ministry' });
    await items.act(reg2, 'organizations', org.id, 'reject', 'Không tồn tại');
    await refused(items.update(root, 'organizations', org.id, { version: org.version + 1, name: 'Bộ Thật' }), 409, 'INVALID_TRANSITION');
    expect((await items.get(root, 'organizations', org.id)).status).toBe('rejected');
  });

  it("detaching a child from a suspended parent waits for review; the child's numbers stay suspended", async () => {
    const parent = await s.activeOrganization('PARENT', 'ministry', { approver: reg2 });
    const child = await s.activeOrganization('CHILD', 'ministry', { approver: reg2, parentId: parent });
    const brand = await s.activeBrandname(child, s.names(), { approver: reg2 });
    const { e164 } = await s.activeNumber(child, brand, {}, { approver: reg2 });
    await items.act(reg2, 'organizations', parent, 'suspend', 'Thanh tra');
    expect(await publishedEntry(r.ds, e164)).toMatchObject({ state: 'suspended' });

    const current = await items.get(root, 'organizations', child);
    const res = await items.update(root, 'organizations', child, { version: current.version, parentId: null });
    expect(res).toMatchObject({ parentId: parent, pendingRevision: { changes: { parentId: null } } });
    expect(await publishedEntry(r.ds, e164)).toMatchObject({ state: 'suspended' });
    await refused(items.revision(root, 'organizations', child, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    await items.revision(reg2, 'organizations', child, 'approve');
    expect(await publishedEntry(r.ds, e164)).toMatchObject({ state: 'active' });
  });
});

describe('5. reserved state terms and near look-alikes', () => {
  let bankA: string;
  let bankB: string;
  let vcb: string; // bank A's first label (as VIETCOMBANK)
  let bidv: string; // bank A's second label, "D" + a token (as BIDV: "CL" + the token looks the same)
  beforeAll(async () => {
    bankA = await s.activeOrganization('VCB', 'bank', { approver: reg2 });
    vcb = s.token();
    await s.activeBrandname(bankA, { label: vcb, displayName: `Ngân hàng ${vcb}` }, { approver: reg2 });
    bidv = `D${s.token()}`;
    await s.activeBrandname(bankA, { label: bidv, displayName: `Ngân hàng ${bidv}` }, { approver: reg2 });
    bankB = await s.activeOrganization('SCAM', 'bank', { approver: reg2 });
  });

  it.each(['BOYTE', 'B O Y T E', 'BOCONGAN', 'CHINHPHUVN'])('a bank label %j is 422 RESERVED_NAME', async (label) => {
    await refused(brandnames().create(root.ctx(), bankB, { label, displayName: 'Ngân hàng Lạ' }), 422, 'RESERVED_NAME');
  });

  it.each([
    ['one character more than the other bank’s label', () => ({ label: s.token(), displayName: `${vcb}1` })],
    ['CL for D (a TR39 look-alike) in the label', () => ({ label: `CL${bidv.slice(1)}`, displayName: `Ngân hàng ${s.token()}` })],
  ])('%s, beside another bank, is 409 CONFUSABLE_NAME', async (_how, names) => {
    await refused(brandnames().create(root.ctx(), bankB, names()), 409, 'CONFUSABLE_NAME');
  });

  it('a regulator may accept a near look-alike with a reason (audited); never a same-skeleton one, never an agency admin', async () => {
    const admin = await s.agencyAdmin('scam.admin', bankB);
    const reason = 'Ngân hàng khác, đã đối chiếu giấy phép';
    const near = { label: s.token(), displayName: `${vcb}1` };
    await refused(brandnames().create(admin.ctx(), bankB, { ...near, lookalikeOverrideReason: reason }), 403, 'FORBIDDEN');
    await refused(
      brandnames().create(root.ctx(), bankB, {
        label: `CL${bidv.slice(1)}`,
        displayName: `Ngân hàng ${s.token()}`,
        lookalikeOverrideReason: reason,
      }),
      409,
      'CONFUSABLE_NAME',
    );
    const ok = await brandnames().create(root.ctx(), bankB, { ...near, lookalikeOverrideReason: reason });
    expect(ok).toMatchObject({ status: 'pending', lookalikeOverride: reason });
    const [event] = await r.ds.query(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'brandname.create'`, [ok.id]);
    expect(event.after.lookalikeOverride).toBe(reason);
  });
});

describe('6. squatting: a pending or rejected claim does not hold a number', () => {
  let squatter: Person;
  let squatOrg: string;
  let squatBrand: string;
  let holder: string;
  beforeAll(async () => {
    squatOrg = await s.activeOrganization('SQUAT', 'other', { approver: reg2 });
    squatBrand = await s.activeBrandname(squatOrg, s.names(), { approver: reg2 });
    squatter = await s.agencyAdmin('squat.admin', squatOrg);
    holder = (await s.holdingCarrier()).code;
  });

  it('the real owner registers a number a squatter claims; the regulator sees both; only one can go live', async () => {
    const national = s.number();
    const squat = await numbers().create(squatter.ctx(), squatOrg, { number: national, brandnameId: squatBrand, holdingCarrier: holder });
    const real = await numbers().create(micAdmin.ctx(), micId, { number: national, brandnameId: micBrand, holdingCarrier: holder });
    expect(real).not.toHaveProperty('competingClaims');
    const seen = await items.get(reg2, 'numbers', real.id);
    expect(seen.competingClaims).toEqual([{ numberId: squat.id, organizationId: squatOrg, status: 'pending' }]);
    expect(await items.get(micAdmin, 'numbers', real.id)).not.toHaveProperty('competingClaims');

    await s.confirmHolding(real.id);
    await items.act(reg2, 'numbers', real.id, 'approve');
    await s.confirmHolding(squat.id); // even were the carrier wrong, the live number's slot stays taken
    await refused(items.act(reg3, 'numbers', squat.id, 'approve'), 409, 'DUPLICATE_NUMBER');
    const again = await refused(
      numbers().create(squatter.ctx(), squatOrg, { number: national, brandnameId: squatBrand, holdingCarrier: holder }),
      409,
      'DUPLICATE_NUMBER',
    );
    expect(again.message).not.toContain(s.code('MIC'));
  });

  it('a rejected claim frees the number for its owner', async () => {
    const national = s.number();
    const squat = await numbers().create(squatter.ctx(), squatOrg, { number: national, brandnameId: squatBrand, holdingCarrier: holder });
    await items.act(reg2, 'numbers', squat.id, 'reject', 'Không phải số của đơn vị');
    const real = await numbers().create(micAdmin.ctx(), micId, { number: national, brandnameId: micBrand, holdingCarrier: holder });
    await s.confirmHolding(real.id);
    expect((await items.act(reg2, 'numbers', real.id, 'approve')).status).toBe('active');
  });

  it('one claim per organization: a second registration of the same number is 409 DUPLICATE_NUMBER', async () => {
    const national = s.number();
    await numbers().create(micAdmin.ctx(), micId, { number: national, brandnameId: micBrand, holdingCarrier: holder });
    await refused(
      numbers().create(micAdmin.ctx(), micId, { number: national, brandnameId: micBrand, holdingCarrier: holder }),
      409,
      'DUPLICATE_NUMBER',
    );
  });
});

describe('7. nothing of another organization leaks to an agency admin', () => {
  it('a look-alike refusal does not name the other organization or its pending label', async () => {
    const other = await s.activeOrganization('HIDDEN', 'ministry', { approver: reg2 });
    const t = s.token();
    await brandnames().create(root.ctx(), other, { label: `KIN ${t}`, displayName: `Cục Kín ${t}` });
    const clash = { label: `K1N ${t}`, displayName: `Cục Kín Đáo ${s.token()}` };
    const err = await refused(brandnames().create(micAdmin.ctx(), micId, clash), 409, 'CONFUSABLE_NAME');
    expect(err.message).not.toContain(`KIN ${t}`);
    expect(err.message).not.toContain(s.code('HIDDEN'));
    const asRegulator = await refused(brandnames().create(root.ctx(), micId, clash), 409, 'CONFUSABLE_NAME');
    expect(asRegulator.message).toContain(`"KIN ${t}" of organization ${s.code('HIDDEN')}`);
  });

  it("a dry-run import reports another organization's live numbers without naming it, and says nothing of its pending ones", async () => {
    const other = await s.activeOrganization('OTHER2', 'ministry', { approver: reg2 });
    const brand = await s.activeBrandname(other, s.names(), { approver: reg2 });
    const live = await s.activeNumber(other, brand, {}, { approver: reg2 });
    const pending = s.number();
    await numbers().create(root.ctx(), other, { number: pending, brandnameId: brand });
    const { label } = await brandnames().get(root.actor, micBrand);
    const holder = (await s.holdingCarrier()).code;
    const csv = `number,label,holdingCarrier\n${live.national},${label},${holder}\n${pending},${label},${holder}\n`;
    const report = await r.get(NumbersImportService).import(micAdmin.ctx(), micId, Buffer.from(csv), true);
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(report.rows).toEqual([
      {
        line: 2,
        input: `${live.national},${label},${holder}`,
        error: { code: 'DUPLICATE_NUMBER', message: `${live.e164} is already registered` },
      },
    ]);
  });
});
