import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { PROTECTED_NAME_JWS_TYP, PROTECTED_NAMES_SEED_2025 } from '@app/domain';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The protected-name list as regulators change it: one proposes, another approves (four eyes), and only then does
 * the list refuse a name, including a registration that was waiting for its approval; every name in force is
 * published signed into the change feed. (The matcher's spellings: libs/domain protected-names specs.)
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let root: Client;
let reg2: Client;
let auditor: Client;
let bankId: string;
let seq = 0;

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.createUser('reg2', 'regulator');
  reg2 = await h.as('reg2');
  await h.createUser('audit1', 'auditor');
  auditor = await h.as('audit1');
  bankId = await h.activeOrganization('NHTEST', 'Ngân hàng Thử nghiệm', 'bank');
});
afterAll(() => h.stop());

async function jwks() {
  return createLocalJWKSet((await h.http().get('/.well-known/jwks.json').expect(200)).body);
}

async function nameChanges(): Promise<number> {
  const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM registry_changes WHERE protected_name_id IS NOT NULL`);
  return n;
}

function propose(by: Client, body: Record<string, unknown>) {
  return by.post('/v1/protected-names/proposals').send({ reason: 'Mạo danh gia tăng', ...body });
}

function bankBrandname(label: string, displayName: string, callReason?: string) {
  return root.post(`/v1/organizations/${bankId}/brandnames`).send({ label, displayName, callReason });
}

describe('the seeded list', () => {
  it('is in force and published at the first start, each name signed with the registry key', async () => {
    const listed = (await root.get('/v1/protected-names?status=active').expect(200)).body;
    expect(listed.map((n: { term: string }) => n.term).sort()).toEqual(PROTECTED_NAMES_SEED_2025.map((s) => s.term).sort());
    const published: Array<{ id: string; entry: { term: string }; jws: string; version: string }> = await h.ds.query(
      `SELECT id, entry, jws, version FROM published_protected_names`,
    );
    expect(published).toHaveLength(listed.length);
    const keys = await jwks();
    for (const p of published) {
      expect(decodeProtectedHeader(p.jws).typ).toBe(PROTECTED_NAME_JWS_TYP);
      const { payload } = await compactVerify(p.jws, keys);
      const claims = JSON.parse(new TextDecoder().decode(payload));
      expect(claims).toMatchObject({ sub: p.id, term: p.entry.term, ver: Number(p.version) });
    }
    const feed = await h.ds.query(`SELECT count(*)::int AS n FROM registry_changes WHERE protected_name_id IS NOT NULL AND e164 IS NULL`);
    expect(feed[0].n).toBeGreaterThanOrEqual(published.length);
  });

  it('is read by regulators and auditors, searched without diacritics, and not by agency admins', async () => {
    const found = (await auditor.get(`/v1/protected-names?q=${encodeURIComponent('cong an')}`).expect(200)).body;
    expect(found.map((n: { term: string }) => n.term)).toContain('Công an');
    await h.createUser('bankadmin', 'agency_admin', bankId);
    const admin = await h.as('bankadmin');
    expect((await admin.get('/v1/protected-names')).status).toBe(403);
    expect((await propose(auditor, { action: 'add', term: 'X', kinds: ['police'], source: 'x' })).status).toBe(403);
  });
});

describe('a new protected name', () => {
  const term = 'Kho bạc Nhà nước';

  it('takes effect only when a second regulator approves it, and then refuses a registration waiting for approval', async () => {
    // Before: a bank may use the words, and its brandname waits for approval.
    const waiting = await bankBrandname('KBNN VN', 'Kho bạc Nhà nước VN');
    expect(waiting.status).toBe(201);

    const proposed = await propose(root, {
      action: 'add',
      term,
      spellings: ['KBNN', 'Kho bac'],
      kinds: ['ministry'],
      source: 'Quyết định 26/2015/QĐ-TTg',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ action: 'add', status: 'pending', term, spellings: ['KBNN', 'Kho bac'], kinds: ['ministry'] });
    // The proposer is told it may not approve, and is refused if it tries.
    const mine = (await root.get(`/v1/protected-names/proposals/${proposed.body.id}`).expect(200)).body;
    expect(mine.fourEyes).toMatchObject({ allowed: false, code: 'FOUR_EYES_REQUIRED' });
    const own = await root.post(`/v1/protected-names/proposals/${proposed.body.id}/approve`).send({});
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'FOUR_EYES_REQUIRED' });
    // Still pending: nothing refused yet.
    expect((await bankBrandname(`KBNN${++seq}`, 'Kho bạc Nhà nước chi nhánh')).status).toBe(201);

    const theirs = (await reg2.get(`/v1/protected-names/proposals/${proposed.body.id}`).expect(200)).body;
    expect(theirs.fourEyes).toEqual({ allowed: true });
    const feedBefore = await nameChanges();
    const approved = await reg2.post(`/v1/protected-names/proposals/${proposed.body.id}/approve`).send({}).expect(200);
    // One change in the feed: the new name's (the others are unchanged and not published again).
    expect((await nameChanges()) - feedBefore).toBe(1);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { username: 'reg2' } });

    // Now the pending bank brandname cannot be approved, and a new one is refused, naming the term.
    const late = await reg2.post(`/v1/brandnames/${waiting.body.id}/approve`).send({});
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 422, code: 'RESERVED_NAME' });
    expect(late.body.message).toContain(`"${term}"`);
    const fresh = await bankBrandname('NH KBNN', 'Ngân hàng số');
    expect({ status: fresh.status, code: fresh.body.code }).toEqual({ status: 422, code: 'RESERVED_NAME' });
    expect(fresh.body.message).toContain(`"${term}"`);

    // It is in force, published signed, and audited.
    const [name] = (await root.get(`/v1/protected-names?q=${encodeURIComponent('kho bac')}`).expect(200)).body;
    expect(name).toMatchObject({ term, status: 'active', pendingProposal: null });
    const [published] = await h.ds.query(`SELECT jws FROM published_protected_names WHERE id = $1`, [name.id]);
    const { payload } = await compactVerify(published.jws, await jwks());
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ term, spl: ['KBNN', 'Kho bac'], kinds: ['ministry'] });
    const actions = (
      await h.ds.query(`SELECT action FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY seq`, [proposed.body.id, name.id])
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['protected_name.propose', 'protected_name.approve', 'protected_name.add']));
  });

  it('is changed and removed only through approved proposals', async () => {
    const [name] = (await root.get(`/v1/protected-names?q=${encodeURIComponent('kho bac')}`).expect(200)).body;
    const change = await propose(root, { action: 'change', protectedNameId: name.id, kinds: ['ministry', 'bank'] }).then((r) => r.body);
    expect(change).toMatchObject({ action: 'change', status: 'pending', kinds: ['ministry', 'bank'], term });
    // One waiting proposal per name.
    const second = await propose(reg2, { action: 'remove', protectedNameId: name.id });
    expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'REVISION_PENDING' });
    expect((await root.get(`/v1/protected-names?q=KBNN`).expect(200)).body[0].pendingProposal.id).toBe(change.id);
    expect((await bankBrandname('KBNN X', 'Kho bạc X')).status).toBe(422);
    await reg2.post(`/v1/protected-names/proposals/${change.id}/approve`).send({}).expect(200);
    expect((await bankBrandname('KBNN X', 'Kho bạc X')).status).toBe(201);

    const removal = (await propose(reg2, { action: 'remove', protectedNameId: name.id }).expect(201)).body;
    // A rejection needs a reason and changes nothing.
    expect((await root.post(`/v1/protected-names/proposals/${removal.id}/reject`).send({})).status).toBe(400);
    const rejected = await root.post(`/v1/protected-names/proposals/${removal.id}/reject`).send({ reason: 'Chưa đủ căn cứ' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Chưa đủ căn cứ' });
    expect((await root.get(`/v1/protected-names?q=KBNN`).expect(200)).body[0].status).toBe('active');

    const again = (await propose(reg2, { action: 'remove', protectedNameId: name.id }).expect(201)).body;
    await root.post(`/v1/protected-names/proposals/${again.id}/approve`).send({}).expect(200);
    expect((await root.get(`/v1/protected-names?q=KBNN`).expect(200)).body[0].status).toBe('removed');
    const [published] = await h.ds.query(`SELECT count(*)::int AS n FROM published_protected_names WHERE id = $1`, [name.id]);
    expect(published.n).toBe(0);
    const [removed] = await h.ds.query(`SELECT op FROM registry_changes WHERE protected_name_id = $1 ORDER BY version DESC LIMIT 1`, [
      name.id,
    ]);
    expect(removed.op).toBe('remove');
    // A removed name is changed no more.
    const stale = await propose(root, { action: 'change', protectedNameId: name.id, kinds: ['ministry'] });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('refuses a term already in force, unknown kinds and a proposal without a reason', async () => {
    const dup = await propose(root, { action: 'add', term: 'CÔNG AN', kinds: ['police'], source: 'x' });
    expect({ status: dup.status, code: dup.body.code }).toEqual({ status: 409, code: 'DUPLICATE_CODE' });
    expect((await propose(root, { action: 'add', term: 'Cảnh sát biển', kinds: ['navy'], source: 'x' })).status).toBe(400);
    expect((await propose(root, { action: 'add', term: 'Cảnh sát biển', kinds: [], source: 'x' })).status).toBe(400);
    expect(
      (await root.post('/v1/protected-names/proposals').send({ action: 'add', term: 'Cảnh sát biển', kinds: ['police'], source: 'x' }))
        .status,
    ).toBe(400);
    const withdrawn = (
      await propose(root, { action: 'add', term: 'Cảnh sát biển', kinds: ['police'], source: 'Luật Cảnh sát biển 2018' }).expect(201)
    ).body;
    const w = await root.post(`/v1/protected-names/proposals/${withdrawn.id}/withdraw`).send({}).expect(200);
    expect(w.body.status).toBe('withdrawn');
    const decided = await reg2.post(`/v1/protected-names/proposals/${withdrawn.id}/approve`).send({});
    expect({ status: decided.status, code: decided.body.code }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
  });
});

/**
 * The spellings the issue found accepted for a bank: each is refused for a bank, naming the term, and accepted for an
 * organization of the kind that owns it (the field it is written in: label, displayName or callReason).
 */
const FIRST_PARAGRAPH: Array<[field: 'label' | 'displayName' | 'callReason', value: string, owner: string]> = [
  ['label', 'CANH SAT', 'police'],
  ['displayName', 'Cảnh sát hình sự', 'police'],
  ['callReason', 'Cơ quan CSĐT yêu cầu xác minh', 'police'],
  ['label', 'CSGT', 'police'],
  ['displayName', 'CA TP Hà Nội', 'police'],
  ['label', 'PC02', 'police'],
  ['displayName', 'TAND TP.HCM', 'court'],
  ['displayName', 'VKSND Tối cao', 'procuracy'],
  ['displayName', 'Viện KS', 'procuracy'],
  ['displayName', 'Cục Thuế', 'tax'],
  ['displayName', 'Tổng cục Hải quan', 'customs'],
  ['label', 'UBND', 'provincial'],
  ['displayName', 'Ngân hàng Nhà nước', 'central_bank'],
  ['label', 'BHXH', 'social_insurance'],
  ['displayName', 'Quốc hội', 'national_assembly'],
  ['callReason', 'Cảnh sát yêu cầu xác minh', 'police'],
  ['label', 'BOC ONGAN', 'police'],
  ['label', 'BOX YTE', 'ministry'],
  ['label', 'BOAT TC', 'ministry'],
];

describe('the spellings a bank could use before', () => {
  const owners = new Map<string, string>();
  const ownerOf = async (kind: string) => {
    if (!owners.has(kind)) owners.set(kind, await h.activeOrganization(`OWN${owners.size}`, `Cơ quan thử ${owners.size}`, kind));
    return owners.get(kind)!;
  };
  // Filler labels two substitutions apart from each other, so no case is a look-alike of another.
  const filler = (i: number) => `Q${'ABCDEFGHJKMNPQRSTUVWXYZ'[i].repeat(2)}W`;
  const body = (i: number, field: string, value: string) => ({
    label: field === 'label' ? value : filler(i),
    displayName: field === 'displayName' ? value : field === 'label' ? value : `Đơn vị ${filler(i)}`,
    ...(field === 'callReason' ? { callReason: value } : {}),
  });

  it.each(FIRST_PARAGRAPH.map((c, i) => [...c, i] as const))(
    '%s %j: refused for a bank, accepted for %s',
    async (field, value, owner, i) => {
      const refused = await root.post(`/v1/organizations/${bankId}/brandnames`).send(body(i, field, value));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'RESERVED_NAME' });
      expect(refused.body.message).toMatch(/claims the protected state name "[^"]+"/);
      const accepted = await root.post(`/v1/organizations/${await ownerOf(owner)}/brandnames`).send(body(i, field, value));
      expect({ status: accepted.status, body: accepted.status === 201 ? 'created' : accepted.body }).toEqual({
        status: 201,
        body: 'created',
      });
    },
  );
});

describe('who decides which kind of body an organization is', () => {
  it('one regulator cannot make a body a police unit on its own word, and nobody changes a kind afterwards', async () => {
    // The kind is what opens the protected names: it is set when the organization is created and approved by another.
    const front = await root.post('/v1/organizations').send({ code: 'CAXA1', name: 'Công an xã thử', kind: 'police' }).expect(201);
    const own = await root.post(`/v1/organizations/${front.body.id}/approve`).send({});
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'FOUR_EYES_REQUIRED' });
    // A bank cannot become one by an edit: kind is not an editable field.
    const bank = (await root.get(`/v1/organizations/${bankId}`).expect(200)).body;
    const edit = await root.patch(`/v1/organizations/${bankId}`).send({ version: bank.version, kind: 'police' });
    expect(edit.status).toBe(400);
    expect((await root.get(`/v1/organizations/${bankId}`).expect(200)).body.kind).toBe('bank');
  });
});
