import request, { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { TEST_JWT_SECRET, withEnv } from './hardening-support';

/**
 * Races not covered elsewhere. Already covered, not repeated here: two regulators approving the same item
 * at once (test/registry/review-rules.e2e-spec.ts, every kind), 20 PATCHes of one number with one audit event
 * (same file), and two overlapping CSV imports at once (test/registry/numbers-import.e2e-spec.ts).
 * Added: 50 conflicting edits by several users with the audit log holding exactly the winning change, and the
 * same for an organization; five regulators approving at once; three overlapping imports with their audit
 * events; parallel API-key creation against the two-live-keys rule; parallel creation of one username.
 */
let h: RegistryHarness;
let org: string;
let brand: string;
const tokens: Record<string, string> = {};

const as = (user: string) => {
  const agent = request(h.app.getHttpServer());
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${tokens[user]}`);
  return {
    get: (url: string) => auth(agent.get(url)),
    post: (url: string) => auth(agent.post(url)),
    patch: (url: string) => auth(agent.patch(url)),
  };
};
const outcomes = (results: Response[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const k = `${r.status} ${r.status < 300 ? 'ok' : r.body.code}`;
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});
const audit = (entityId: string, action: string) =>
  h.ds.query(`SELECT actor_id, before, after FROM audit_events WHERE entity_id = $1 AND action = $2`, [entityId, action]);

beforeAll(async () => {
  h = await withEnv({ JWT_SECRET: TEST_JWT_SECRET }, () => RegistryHarness.start());
  await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  await h.createUser('reg4', 'regulator');
  await h.createUser('reg5', 'regulator');
  await h.createUser('reg6', 'regulator');
  org = await h.activeOrganization('RACE', 'Cơ quan đua');
  brand = await h.activeBrandname(org, 'CQ DUA', 'Cơ quan đua');
  await h.createUser('race.admin', 'agency_admin', org);
  // Signed in, not minted: an enrolled regulator set its own password, so its tokens carry its token version.
  for (const u of await h.ds.query(`SELECT username FROM users`)) {
    tokens[u.username] = await h.token(u.username, u.username === ROOT.username ? ROOT.password : undefined);
  }
});
afterAll(() => h?.stop());

describe('50 conflicting edits at once', () => {
  it('of one number, by regulators and its agency admin: one 200, 49 409 VERSION_CONFLICT, one audit event with the winning change', async () => {
    const editors = ['root', 'reg2', 'reg3', 'race.admin'];
    const n = (
      await as(ROOT.username)
        .post(`/v1/organizations/${org}/numbers`)
        .send({ number: '0918000001', brandnameId: brand, evidence: 'gốc' })
        .expect(201)
    ).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as(editors[i % editors.length])
          .patch(`/v1/numbers/${n.id}`)
          .send({ version: n.version, evidence: `Công văn ${i}`, allowedOrigins: [] }),
      ),
    );
    expect(outcomes(results)).toEqual({ '200 ok': 1, '409 VERSION_CONFLICT': 49 });
    const winner = results.find((r) => r.status === 200)!.body;
    const now = (await as(ROOT.username).get(`/v1/numbers/${n.id}`).expect(200)).body;
    expect(now).toMatchObject({ version: n.version + 1, evidence: winner.evidence });
    const events = await audit(n.id, 'number.update');
    expect(events).toHaveLength(1);
    expect(events[0].before).toMatchObject({ evidence: 'gốc', version: n.version });
    expect(events[0].after).toMatchObject({ evidence: winner.evidence, version: n.version + 1 });
    const verify = await as(ROOT.username).get('/v1/audit-events/verify').expect(200);
    expect(verify.body.valid).toBe(true);
  });

  it('of one organization, by five regulators: one 200 and one audit event', async () => {
    // Its own organization: a new name sends an organization back to review (and hides its numbers).
    const other = (
      await as(ROOT.username).post('/v1/organizations').send({ code: 'RACE_ORG', name: 'Tổ chức đua', kind: 'other' }).expect(201)
    ).body;
    const org = other.id as string;
    const o = (await as(ROOT.username).get(`/v1/organizations/${org}`).expect(200)).body;
    const editors = ['root', 'reg2', 'reg3', 'reg4', 'reg5'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as(editors[i % 5])
          .patch(`/v1/organizations/${org}`)
          .send({ version: o.version, name: `Cơ quan đua ${i}` }),
      ),
    );
    expect(outcomes(results)).toEqual({ '200 ok': 1, '409 VERSION_CONFLICT': 49 });
    const events = await audit(org, 'organization.update');
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ name: results.find((r) => r.status === 200)!.body.name });
  });
});

it('five regulators approving one number at once: one approval, four 409 INVALID_TRANSITION', async () => {
  const n = (
    await as(ROOT.username).post(`/v1/organizations/${org}/numbers`).send({ number: '0918000002', brandnameId: brand }).expect(201)
  ).body;
  const results = await Promise.all(
    ['reg2', 'reg3', 'reg4', 'reg5', 'reg6'].map((u) => as(u).post(`/v1/numbers/${n.id}/approve`).send({})),
  );
  expect(outcomes(results)).toEqual({ '200 ok': 1, '409 INVALID_TRANSITION': 4 });
  expect(await audit(n.id, 'number.approve')).toHaveLength(1);
  const [changes] = await h.ds.query(`SELECT count(*)::int AS n FROM registry_changes WHERE e164 = '+84918000002'`);
  expect(changes.n).toBe(1); // one published change for one approval
});

it('three overlapping imports at once: every number once, no row lost, one audit event each', async () => {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => `0917${String(from + i).padStart(6, '0')}`);
  const files = [range(0, 3000), range(1000, 3000).reverse(), range(2000, 3000)];
  const distinct = new Set(files.flat()).size; // 5000
  const uploaders = ['root', 'race.admin', 'reg2'];
  const results = await Promise.all(
    files.map((numbers, i) =>
      as(uploaders[i])
        .post(`/v1/organizations/${org}/numbers/import`)
        .attach('file', Buffer.from(`number,label\n${numbers.map((x) => `${x},CQ DUA`).join('\n')}\n`), `f${i}.csv`),
    ),
  );
  expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(results.reduce((s, r) => s + r.body.accepted, 0)).toBe(distinct);
  results.forEach((r, i) => expect(r.body.accepted + r.body.rejected).toBe(files[i].length));
  const [{ n, d }] = await h.ds.query(
    `SELECT count(*)::int AS n, count(DISTINCT e164)::int AS d FROM caller_numbers WHERE e164 LIKE '+84917%'`,
  );
  expect({ n, d }).toEqual({ n: distinct, d: distinct });
  const events = await audit(org, 'number.import');
  expect(events.map((e: { after: { accepted: number } }) => e.after.accepted).sort()).toEqual(results.map((r) => r.body.accepted).sort());
}, 60_000);

it('ten API keys requested at once for one carrier: two created, eight 409 TOO_MANY_KEYS', async () => {
  const carrier = (await as(ROOT.username).post('/v1/carriers').send({ code: 'RACECAR', name: 'Race' }).expect(201)).body;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => as(i % 2 ? 'reg2' : ROOT.username).post(`/v1/carriers/${carrier.id}/api-keys`)),
  );
  expect(outcomes(results)).toEqual({ '201 ok': 2, '409 TOO_MANY_KEYS': 8 });
  const [{ live }] = await h.ds.query(`SELECT count(*)::int AS live FROM carrier_api_keys WHERE carrier_id = $1 AND revoked_at IS NULL`, [
    carrier.id,
  ]);
  expect(live).toBe(2);
});

it('one username created ten times at once: one 201, nine 409 DUPLICATE_USERNAME', async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      as(i % 2 ? 'reg2' : ROOT.username)
        .post('/v1/users')
        .send({ username: i % 3 ? 'same.name' : 'SAME.NAME', password: 'same-password-123', role: 'auditor' }),
    ),
  );
  expect(outcomes(results)).toEqual({ '201 ok': 1, '409 DUPLICATE_USERNAME': 9 });
});

describe('parent changes at once', () => {
  it('A under B and B under A at the same moment: one wins, the other is 400 VALIDATION_FAILED, never a cycle', async () => {
    for (let round = 0; round < 5; round++) {
      const make = async (tag: string) =>
        (
          await as(ROOT.username)
            .post('/v1/organizations')
            .send({ code: `CY${tag}${round}`, name: `Cơ quan vòng ${tag}${round}`, kind: 'other' })
            .expect(201)
        ).body;
      const [a, b] = [await make('A'), await make('B')];
      const results = await Promise.all([
        as(ROOT.username).patch(`/v1/organizations/${a.id}`).send({ version: a.version, parentId: b.id }),
        as('reg2').patch(`/v1/organizations/${b.id}`).send({ version: b.version, parentId: a.id }),
      ]);
      expect(outcomes(results)).toEqual({ '200 ok': 1, '400 VALIDATION_FAILED': 1 });
      const rows: Array<{ parent_id: string | null }> = await h.ds.query(`SELECT parent_id FROM organizations WHERE id = ANY($1)`, [
        [a.id, b.id],
      ]);
      expect(rows.filter((r) => r.parent_id !== null)).toHaveLength(1);
    }
  });

  it('a cycle already in the data (written behind the API) ends the check instead of looping', async () => {
    const make = async (tag: string) =>
      (
        await as(ROOT.username)
          .post('/v1/organizations')
          .send({ code: `LOOP${tag}`, name: `Cơ quan lặp ${tag}`, kind: 'other' })
          .expect(201)
      ).body;
    const [a, b, c] = [await make('A'), await make('B'), await make('C')];
    await h.ds.query(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [a.id, b.id]);
    await h.ds.query(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [b.id, a.id]);
    const res = await as(ROOT.username).patch(`/v1/organizations/${c.id}`).send({ version: c.version, parentId: a.id });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
