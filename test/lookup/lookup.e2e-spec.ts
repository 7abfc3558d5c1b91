import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { MetricsEndpoint } from '../../libs/platform/src/metrics/metrics-endpoint';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { FeedRetentionService } from '../../apps/registry/src/publishing/feed-retention.service';
import { SyncService } from '../../apps/lookup/src/sync/sync.service';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { parseSnapshot } from '../support/snapshot';
import { EVENTUALLY_MS, within } from '../support/wait';

describe('carrier lookup API', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key: string;
  let mic: string;
  let brand: string;
  const ids: Record<string, string> = {};

  const get = (path: string, apiKey = key) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', apiKey);

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    // A third person: reg2 suspends below, root requests the lifting, so neither of them may approve it.
    await h.createUser('reg3', 'regulator');
    const root = await h.as(ROOT.username);
    for (const code of ['VIETTEL', 'VINAPHONE', 'MOBIFONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
    const carriers = await root.get('/v1/carriers').expect(200);
    ids.viettel = carriers.body.find((c: { code: string }) => c.code === 'VIETTEL').id;
    key = (await root.post(`/v1/carriers/${ids.viettel}/api-keys`).expect(201)).body.key;

    mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    const second = await h.as('reg2');
    const add = async (name: string, body: object) => {
      const res = await root
        .post(`/v1/organizations/${mic}/numbers`)
        .send({ brandnameId: brand, ...body })
        .expect(201);
      ids[name] = res.body.id;
      await second.post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
    };
    await add('main', { number: '024 3943 7142' });
    await add('viettelOnly', { number: '0912 345 678', allowedOrigins: ['VIETTEL'] });
    await add('hotline', { number: '1800 1234', direction: 'inbound_only' });
    await add('suspended', { number: '0903 123 456' });
    await second.post(`/v1/numbers/${ids.suspended}/suspend`).send({ reason: 'Điều tra' }).expect(200);

    lookup = await createLookupApp();
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('brands an active number, with the exact contract', async () => {
    const res = await get('/v1/lookup/02439437142').expect(200);
    expect(res.body).toEqual({
      number: '+842439437142',
      verdict: 'brand',
      status: 'active',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      originAllowed: null,
      registryVersion: expect.any(Number),
      ttlSeconds: 60,
    });
  });

  it.each([
    '+842439437142',
    '%2B842439437142',
    '842439437142',
    '02439437142',
    '024.3943.7142',
    '(024)%203943-7142',
    '%2B84%2024%203943%207142',
    '%EF%BC%90%EF%BC%92%EF%BC%94%EF%BC%93%EF%BC%99%EF%BC%94%EF%BC%93%EF%BC%97%EF%BC%91%EF%BC%94%EF%BC%92',
  ])('accepts the format %s', async (format) => {
    const res = await get(`/v1/lookup/${format}`).expect(200);
    expect(res.body).toMatchObject({ number: '+842439437142', verdict: 'brand' });
  });

  it('answers each status and verdict', async () => {
    expect((await get('/v1/lookup/0912345678?origin=VIETTEL').expect(200)).body).toMatchObject({
      verdict: 'brand',
      status: 'active',
      originAllowed: true,
    });
    expect((await get('/v1/lookup/0912345678?origin=MOBIFONE').expect(200)).body).toMatchObject({
      verdict: 'block',
      status: 'active',
      originAllowed: false,
      display: null,
    });
    expect((await get('/v1/lookup/02439437142?origin=INTERNATIONAL').expect(200)).body).toMatchObject({
      verdict: 'block',
      originAllowed: false,
    });
    expect((await get('/v1/lookup/18001234').expect(200)).body).toMatchObject({
      verdict: 'block',
      status: 'inbound_only',
      display: null,
      organization: null,
    });
    expect((await get('/v1/lookup/0903123456').expect(200)).body).toMatchObject({ verdict: 'none', status: 'suspended', display: null });
    expect((await get('/v1/lookup/0987654321').expect(200)).body).toMatchObject({
      verdict: 'none',
      status: 'unregistered',
      display: null,
      organization: null,
    });
  });

  it('refuses bad input with stable codes', async () => {
    const bad = await get('/v1/lookup/not-a-number').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'INVALID_NUMBER', requestId: expect.any(String) });
    expect(bad.body.message).toContain('not-a-number');
    await get(`/v1/lookup/${'9'.repeat(100)}`).expect(400);
    expect((await get('/v1/lookup/02439437142?origin=NOSUCH').expect(400)).body.code).toBe('INVALID_ORIGIN');
  });

  it('answers a batch in input order, with invalid entries in place', async () => {
    const res = await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', key)
      .send({ numbers: ['02439437142', 'abc', '0987654321', 42], origin: 'VIETTEL' })
      .expect(200);
    expect(res.body.registryVersion).toEqual(expect.any(Number));
    expect(res.body.results).toHaveLength(4);
    expect(res.body.results[0]).toMatchObject({ number: '+842439437142', verdict: 'brand', originAllowed: true });
    expect(res.body.results[1]).toEqual({ input: 'abc', error: { code: 'INVALID_NUMBER', message: expect.stringContaining('abc') } });
    expect(res.body.results[2]).toMatchObject({ status: 'unregistered' });
    expect(res.body.results[3].error.code).toBe('INVALID_NUMBER');
    await request(lookup.getHttpServer()).post('/v1/lookup/batch').set('X-Api-Key', key).send({ numbers: [] }).expect(400);
    await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', key)
      .send({ numbers: Array(1001).fill('02439437142') })
      .expect(400);
  });

  it('refuses unknown and revoked keys (401) and suspended carriers (403)', async () => {
    expect((await request(lookup.getHttpServer()).get('/v1/lookup/02439437142').expect(401)).body.code).toBe('UNAUTHENTICATED');
    await get('/v1/lookup/02439437142', 'vbr_forged_key').expect(401);
    const root = await h.as(ROOT.username);
    const spare = (await root.post(`/v1/carriers/${ids.viettel}/api-keys`).expect(201)).body;
    await within(EVENTUALLY_MS, async () => void (await get('/v1/lookup/02439437142', spare.key).expect(200)));
    await root.delete(`/v1/carriers/${ids.viettel}/api-keys/${spare.id}`).expect(200);
    await within(EVENTUALLY_MS, async () => void (await get('/v1/lookup/02439437142', spare.key).expect(401)));

    const carriers = await root.get('/v1/carriers').expect(200);
    const viettel = carriers.body.find((c: { code: string }) => c.code === 'VIETTEL');
    await root.patch(`/v1/carriers/${viettel.id}`).send({ version: viettel.version, status: 'suspended' }).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/02439437142').expect(403)).body.code).toBe('CARRIER_SUSPENDED'));
    await root
      .patch(`/v1/carriers/${viettel.id}`)
      .send({ version: viettel.version + 1, status: 'active' })
      .expect(200);
    await within(EVENTUALLY_MS, async () => void (await get('/v1/lookup/02439437142').expect(200)));
  });

  it('shows a registry change by itself (how fast: npm run bench)', async () => {
    const second = await h.as('reg2');
    await second.post(`/v1/numbers/${ids.main}/suspend`).send({ reason: 'Nghi ngờ lộ số' }).expect(200);
    const hidden = await within(EVENTUALLY_MS, async () =>
      expect((await get('/v1/lookup/02439437142').expect(200)).body.status).toBe('suspended'),
    );
    await second.post(`/v1/organizations/${mic}/suspend`).send({ reason: 'Kiểm tra' }).expect(200);
    // Lifting a suspension takes two people besides the suspender: root requests it, which changes nothing yet.
    const root = await h.as(ROOT.username);
    const third = await h.as('reg3');
    const requested = await root.post(`/v1/numbers/${ids.main}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    expect(requested.body).toMatchObject({ status: 'suspended', pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' } });
    // Neither the suspender nor the requester may approve it.
    for (const author of [second, root]) {
      const refused = await author.post(`/v1/numbers/${ids.main}/reinstate/approve`).send({}).expect(403);
      expect(refused.body).toMatchObject({ code: 'FOUR_EYES_REQUIRED', rule: 'same_account' });
    }
    expect((await get('/v1/lookup/02439437142').expect(200)).body.status).toBe('suspended');
    await third.post(`/v1/numbers/${ids.main}/reinstate/approve`).send({}).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/0912345678').expect(200)).body.status).toBe('suspended'));
    // The organization's suspension still hides its numbers, until its own lifting is approved.
    expect((await get('/v1/lookup/02439437142').expect(200)).body.verdict).not.toBe('brand');
    await root.post(`/v1/organizations/${mic}/reinstate`).send({ reason: 'Xong' }).expect(200);
    expect((await get('/v1/lookup/02439437142').expect(200)).body.verdict).not.toBe('brand');
    await third.post(`/v1/organizations/${mic}/reinstate/approve`).send({}).expect(200);
    const shown = await within(EVENTUALLY_MS, async () =>
      expect((await get('/v1/lookup/02439437142').expect(200)).body.verdict).toBe('brand'),
    );
    console.log(`registry change visible in the lookup after ${hidden} ms and ${shown} ms`);
  });

  it('keeps the snapshot plus changes equal to per-number lookups', async () => {
    const snap = await get('/v1/sync/snapshot').expect(200);
    expect(snap.headers['content-type']).toContain('application/x-ndjson');
    const { header, entries: lines } = parseSnapshot(snap.text);
    expect(header.count).toBe(lines.length);
    const held = new Map(lines.map((l: { number: string }) => [l.number, l]));

    const second = await h.as('reg2');
    await second.post(`/v1/numbers/${ids.viettelOnly}/revoke`).send({ reason: 'Trả số' }).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/0912345678').expect(200)).body.status).toBe('unregistered'));

    const changes = await get(`/v1/sync/changes?since=${header.registryVersion}&limit=10000`).expect(200);
    expect(changes.body).toMatchObject({ fromVersion: header.registryVersion, hasMore: false });
    for (const c of changes.body.changes) {
      if (c.op === 'remove') held.delete(c.number);
      else held.set(c.number, c.entry);
    }
    for (const n of ['+842439437142', '+84912345678', '+8418001234', '+84903123456', '+84987654321']) {
      const answer = (await get(`/v1/lookup/${encodeURIComponent(n)}`).expect(200)).body;
      const copy = held.get(n) as { status: string; verdict: string; display: unknown } | undefined;
      if (answer.status === 'unregistered') expect(copy).toBeUndefined();
      else expect(copy).toMatchObject({ status: answer.status, verdict: answer.verdict, display: answer.display });
    }
  });

  it('validates sync parameters', async () => {
    expect((await get('/v1/sync/changes?since=-1').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await get('/v1/sync/changes?since=0&limit=10001').expect(400);
    await get('/v1/sync/changes').expect(400);
  });

  it('counts lookups per carrier and verdict, and latency per route, in /metrics', async () => {
    await get('/v1/lookup/02439437142').expect(200);
    await request(lookup.getHttpServer()).get('/metrics').expect(404); // never on the public port
    const scraped = await fetch((await lookup.get(MetricsEndpoint).listen()).url);
    expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const res = { text: await scraped.text() };
    expect(res.text).toMatch(/lookup_answers_total\{carrier="VIETTEL",verdict="brand"\} [1-9]/);
    expect(res.text).toMatch(/lookup_answers_total\{carrier="VIETTEL",verdict="block"\} [1-9]/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{route="\/v1\/lookup\/:number",status="200"\} [1-9]/);
    expect(res.text).toMatch(/lookup_request_duration_seconds_count\{carrier="VIETTEL"\} [1-9]/);
    expect(res.text).toMatch(/db_pool_connections\{state="total"\} \d/);
    expect(res.text).toMatch(/lookup_index_numbers [1-9]/);
    expect(res.text).not.toContain('842439437142');
  });

  it('answers 410 SNAPSHOT_REQUIRED for history the registry no longer keeps', async () => {
    const [{ version }] = await h.ds.query('SELECT version FROM registry_state');
    const retainedFrom = await h.app.get(FeedRetentionService).prune(new Date(Date.now() + 60_000));
    expect(retainedFrom).toBe(Number(version));
    const gone = await get('/v1/sync/changes?since=0').expect(410);
    expect(gone.body.code).toBe('SNAPSHOT_REQUIRED');
    const current = await get(`/v1/sync/changes?since=${retainedFrom}`).expect(200);
    expect(current.body).toMatchObject({ fromVersion: retainedFrom, toVersion: retainedFrom, hasMore: false, changes: [] });
    // The lookup itself still answers, and a later change still reaches it.
    await (await h.as('reg2')).post(`/v1/numbers/${ids.main}/suspend`).send({ reason: 'Kiểm tra lại' }).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/02439437142').expect(200)).body.status).toBe('suspended'));
  });

  it('answers 409 CURSOR_AHEAD, with the current version, for a cursor above the registry', async () => {
    const [{ version }] = await h.ds.query('SELECT version FROM registry_state');
    const ahead = await get(`/v1/sync/changes?since=${Number(version) + 1000}`).expect(409);
    expect(ahead.body).toMatchObject({
      statusCode: 409,
      code: 'CURSOR_AHEAD',
      currentVersion: Number(version),
      requestId: expect.any(String),
    });
    await get(`/v1/sync/changes?since=${version}`).expect(200);
  });

  it('checks retention and reads the page in one statement, so a prune cannot fall between them', async () => {
    const ds = lookup.get(SyncService)['dataSource'];
    const query = ds.query.bind(ds);
    // Only the statements the sync service runs: the feed follower polls on the same data source meanwhile.
    const fromSync: string[] = [];
    const spy = jest.spyOn(ds, 'query').mockImplementation((sql: string, ...rest: unknown[]) => {
      if (new Error().stack?.includes('sync.service')) fromSync.push(sql);
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    });
    try {
      const [{ version }] = await h.ds.query('SELECT version FROM registry_state');
      await lookup.get(SyncService).changes(Number(version), 10);
      expect(fromSync).toHaveLength(1);
      expect(fromSync[0]).toMatch(/retained_from[\s\S]*registry_changes/);
    } finally {
      spy.mockRestore();
    }
  });

  it('reloads its index when the registry comes back at a lower version (a restore)', async () => {
    const ready = async () => (await request(lookup.getHttpServer()).get('/health/ready').expect(200)).body.info.index;
    await within(5000, async () =>
      expect((await ready()).registryVersion).toBe(Number((await h.ds.query('SELECT version FROM registry_state'))[0].version)),
    );
    const before = (await ready()).registryVersion as number;
    // A restore from an older backup: a lower version, and one number no longer published.
    await h.ds.query(`UPDATE registry_state SET version = 1, retained_from = 0 WHERE id = 1`);
    await h.ds.query(`DELETE FROM registry_changes WHERE version > 1`);
    await h.ds.query(`DELETE FROM published_numbers WHERE e164 = '+84912345678'`);
    await within(10_000, async () => expect((await ready()).registryVersion).toBe(1));
    expect(before).toBeGreaterThan(1);
    expect((await get('/v1/lookup/0912345678').expect(200)).body.status).toBe('unregistered');
  });
});
