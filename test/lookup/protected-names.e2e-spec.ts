import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { protectedNameClaims, PublishedProtectedName, RegistrySignatureVerifier, splitLines, verifySnapshot } from '../../libs/domain/src';
import { withEnv } from '../hardening/hardening-support';
import { carrierVerify } from '../signing/signing-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

/**
 * The protected-name list on the lookup, as carriers get it: the signed feed (verified with jose and the JWKS
 * alone; ETag and 304), the snapshot header and the change feed carrying a name change and a removal, and
 * screening (registered, impersonation, clean) from memory.
 */
jest.setTimeout(90_000);

interface FeedName {
  id: string;
  term: string;
  spellings: string[];
  kinds: string[];
  source: string;
  version: number;
  jws: string;
}

describe('protected names on the lookup', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key: string;
  let policeNumber: string;
  let bankNumber: string;
  let lookupUrl: string;

  const get = (path: string) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);
  const screen = (body: object, apiKey: string | null = key) => {
    const req = request(lookup.getHttpServer()).post('/v1/screen');
    return apiKey === null ? req.send(body) : req.set('X-Api-Key', apiKey).send(body);
  };
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    await within(EVENTUALLY_MS, async () => {
      const ready = await request(lookup.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.info.index.registryVersion).toBeGreaterThanOrEqual(target);
    });
  };
  const addNumber = async (orgId: string, brandnameId: string, number: string) => {
    const res = await (await h.as(ROOT.username)).post(`/v1/organizations/${orgId}/numbers`).send({ number, brandnameId }).expect(201);
    await (await h.as('reg2')).post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
    return res.body.number as string;
  };
  /** A proposal by root, approved by reg2 (four eyes): the registry publishes the change in the approval's transaction. */
  const decideProposal = async (body: object): Promise<void> => {
    const proposal = await (await h.as(ROOT.username)).post('/v1/protected-names/proposals').send(body).expect(201);
    await (await h.as('reg2')).post(`/v1/protected-names/proposals/${proposal.body.id}/approve`).send({}).expect(200);
  };
  const jwks = async (): Promise<JSONWebKeySet> => (await get('/.well-known/jwks.json').expect(200)).body;
  const feedNames = async (): Promise<FeedName[]> => (await get('/v1/sync/protected-names').expect(200)).body.names;

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const carrier = await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    key = (await root.post(`/v1/carriers/${carrier.body.id}/api-keys`).expect(201)).body.key;
    const police = await h.activeOrganization('CAHN', 'Công an thành phố Hà Nội', 'police');
    const bank = await h.activeOrganization('VCB', 'Ngân hàng TMCP Ngoại thương Việt Nam', 'bank');
    policeNumber = await addNumber(police, await h.activeBrandname(police, 'CONG AN HN', 'Công an Hà Nội'), '024 3826 9000');
    bankNumber = await addNumber(bank, await h.activeBrandname(bank, 'VIETCOMBANK', 'Vietcombank'), '024 3824 3524');
    lookup = await withEnv({ LOOKUP_SNAPSHOTS_PER_MIN: '0' }, () => createLookupApp());
    await lookup.listen(0, '127.0.0.1');
    lookupUrl = `http://127.0.0.1:${(lookup.getHttpServer().address() as { port: number }).port}`;
    await caughtUp();
  });

  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('serves every published name, each signed: a carrier verifies it with jose and the JWKS alone', async () => {
    const res = await get('/v1/sync/protected-names').expect(200);
    expect(res.headers.etag).toMatch(/^"pn-\d+-\d+"$/);
    expect(res.body.registryVersion).toBe(await registryVersion());
    const published: Array<{ id: string; version: string }> = await h.ds.query('SELECT id, version FROM published_protected_names');
    expect(res.body.names).toHaveLength(published.length);
    expect(res.body.names.length).toBeGreaterThan(0);
    expect(res.body.names.map((n: FeedName) => n.term)).toContain('Công an');
    const keys = await jwks();
    for (const name of res.body.names as FeedName[]) {
      const { version, jws, ...entry } = name;
      const claims = await carrierVerify(jws, keys, 'vbr-protected-name+jwt');
      expect(claims).toEqual({ ...protectedNameClaims(entry as PublishedProtectedName, version, claims.iat as number) });
      expect(Number(published.find((p) => p.id === name.id)!.version)).toBe(version);
    }
  });

  it('answers 304 to the ETag it gave, and 200 with the new list once a second regulator approves a change to a name', async () => {
    const first = await get('/v1/sync/protected-names').expect(200);
    const etag = first.headers.etag;
    const unchanged = await get('/v1/sync/protected-names').set('If-None-Match', etag).expect(304);
    expect(unchanged.text ?? '').toBe('');
    const before = await registryVersion();

    // A change of a seeded name ("Cảnh sát" gets a spelling) is published like an addition: a new version, signed.
    const canhSat = (await feedNames()).find((n) => n.term === 'Cảnh sát')!;
    await decideProposal({
      action: 'change',
      protectedNameId: canhSat.id,
      spellings: [...canhSat.spellings, 'VBRTESTCA'],
      reason: 'Cách viết mới trong các vụ lừa đảo',
    });
    await caughtUp();
    const changed = await get('/v1/sync/protected-names').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    const added = (changed.body.names as FeedName[]).find((n) => n.id === canhSat.id)!;
    expect(added).toMatchObject({ term: 'Cảnh sát', spellings: [...canhSat.spellings, 'VBRTESTCA'], kinds: canhSat.kinds });
    expect(added.version).toBeGreaterThan(before);

    // The change feed carries it beside the numbers' changes, signed for its own version.
    const page = (await get(`/v1/sync/changes?since=${before}`).expect(200)).body;
    expect(page.changes).toEqual([]);
    // Exactly that change: the other names did not change, so nothing else is published.
    expect(page.protectedNames).toEqual([{ version: added.version, id: added.id, op: 'upsert', entry: added }]);
    expect(page.toVersion).toBe(added.version);
    const claims = await carrierVerify(added.jws, await jwks(), 'vbr-protected-name+jwt');
    expect(claims.ver).toBe(added.version);

    // Screening uses it at once.
    expect((await screen({ displayName: 'VBRTESTCA thông báo', number: bankNumber }).expect(200)).body).toEqual({
      verdict: 'impersonation',
      term: 'Cảnh sát',
    });
  });

  it('carries the names in the snapshot header, under the trailer signature, and a number-only verifier still passes', async () => {
    const res = await fetch(`${lookupUrl}/v1/sync/snapshot`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header.count).toBe(2);
    expect(header.protectedNames).toEqual(await feedNames());
    const report = await verifySnapshot(
      splitLines(
        (async function* () {
          yield bytes;
        })(),
      ),
      new RegistrySignatureVerifier(await jwks()),
    );
    expect(report.entries).toBe(2);
    expect(report.protectedNames).toBe(header.protectedNames.length);
  });

  it('screens: registered for a body that may use the term, impersonation for any other number, clean without a term', async () => {
    const police = await screen({ displayName: 'Công an Hà Nội', number: '0243 826 9000' }).expect(200);
    expect(police.body).toEqual({
      verdict: 'registered',
      term: 'Công an',
      organization: { code: 'CAHN', name: 'Công an thành phố Hà Nội' },
    });
    expect(police.headers['cache-control']).toBe('no-store');
    // A bank's own number may not claim the police's name; an unregistered one neither; nor with no number.
    for (const body of [
      { displayName: 'CONG AN', number: bankNumber },
      { displayName: 'Cong-An phuong 3', number: '0912 345 678' },
      { senderId: 'CONGAN' },
    ]) {
      expect((await screen(body).expect(200)).body).toEqual({ verdict: 'impersonation', term: 'Công an' });
    }
    expect((await screen({ displayName: 'Vietcombank', number: bankNumber }).expect(200)).body).toEqual({
      verdict: 'registered',
      organization: { code: 'VCB', name: 'Ngân hàng TMCP Ngoại thương Việt Nam' },
    });
    expect((await screen({ displayName: 'Nguyễn Văn An', number: '0912 345 678' }).expect(200)).body).toEqual({ verdict: 'clean' });
    expect((await screen({ senderId: 'SHOPEE' }).expect(200)).body).toEqual({ verdict: 'clean' });
    expect(policeNumber).toBe('+842438269000');
  });

  it('refuses bad input with 400 and the one error shape, and a missing key with 401', async () => {
    for (const body of [
      {},
      { number: '0912345678' },
      { displayName: '' },
      { displayName: 'x'.repeat(129) },
      { senderId: 42 },
      { displayName: 'A', extra: 1 },
      { displayName: null },
      { senderId: null, number: '0912345678' },
    ]) {
      const res = await screen(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      expect(res.body.fields?.length ?? 0).toBeGreaterThan(0);
    }
    // A body larger than the front path reads goes through Fastify's route: the same rules, the same answer.
    const long = await screen({ displayName: 'x'.repeat(5000) }).expect(400);
    expect(long.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'displayName', message: expect.stringMatching(/128/) }],
    });
    expect((await screen({ displayName: 'CONG AN', padding: 'y'.repeat(5000) }).expect(400)).body.fields).toEqual([
      { field: 'padding', message: 'property padding should not exist' },
    ]);
    const bad = await request(lookup.getHttpServer())
      .post('/v1/screen')
      .set('X-Api-Key', key)
      .set('Content-Type', 'application/json')
      .send('{"displayName": "CONG');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/not valid JSON/) });
    const proto = await request(lookup.getHttpServer())
      .post('/v1/screen')
      .set('X-Api-Key', key)
      .set('Content-Type', 'application/json')
      .send('{"displayName": "CONG AN", "__proto__": {"displayName": "x"}}');
    expect(proto.status).toBe(400);
    expect((await screen({ displayName: 'Công an', number: 'abc' }).expect(400)).body.code).toBe('INVALID_NUMBER');
    // A null number is no number (IsOptional), never a 500.
    expect((await screen({ displayName: 'Nguyễn Văn An', number: null }).expect(200)).body).toEqual({ verdict: 'clean' });
    expect((await screen({ displayName: 'Công an' }, null).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await screen({ displayName: 'Công an' }, 'wrong-key').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('drops a removed name from the feed, the change feed and screening', async () => {
    const name = (await feedNames()).find((n) => n.term === 'Cảnh sát')!;
    const before = await registryVersion();
    await decideProposal({ action: 'remove', protectedNameId: name.id, reason: 'Trùng với mục khác' });
    await caughtUp();
    expect((await feedNames()).map((n) => n.id)).not.toContain(name.id);
    const page = (await get(`/v1/sync/changes?since=${before}`).expect(200)).body;
    expect(page.protectedNames).toEqual([{ version: expect.any(Number), id: name.id, op: 'remove', entry: null }]);
    expect((await screen({ displayName: 'VBRTESTCA', number: bankNumber }).expect(200)).body.verdict).toBe('registered');
    expect((await screen({ displayName: 'VBRTESTCA' }).expect(200)).body.verdict).toBe('clean');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await request(lookup.getHttpServer()).get('/docs-json').expect(200)).body;
    expect(doc.paths['/v1/screen'].post.responses['200']).toBeDefined();
    expect(doc.paths['/v1/sync/protected-names'].get.responses['304']).toBeDefined();
  });
});
