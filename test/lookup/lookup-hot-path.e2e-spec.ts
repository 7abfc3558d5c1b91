import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { MetricsEndpoint } from '../../libs/platform/src/metrics/metrics-endpoint';
import { DataSource } from 'typeorm';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { resetDatabase, testDataSource } from '../support/database';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { freePort, ServiceProcess } from '../support/service-process';
import { within } from '../support/wait';

/** The lookup routes outside Nest's pipeline: API headers on answers, the same contract and error bodies. */
describe('lookup hot path', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key: string;

  const get = (path: string) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);
  const batch = () => request(lookup.getHttpServer()).post('/v1/lookup/batch').set('X-Api-Key', key);
  const API_HEADERS = ['cache-control', 'content-length', 'content-type', 'x-content-type-options', 'x-request-id'];
  const TRANSPORT = new Set(['connection', 'keep-alive', 'date']); // node:http's own

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    const [carrier] = (await root.get('/v1/carriers').expect(200)).body;
    key = (await root.post(`/v1/carriers/${carrier.id}/api-keys`).expect(201)).body.key;
    const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    const brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    const n = await root.post(`/v1/organizations/${mic}/numbers`).send({ brandnameId: brand, number: '024 3943 7142' }).expect(201);
    await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    lookup = await createLookupApp();
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('answers with headers for an API: no browser security headers, a private cache lifetime', async () => {
    // A plain path (answered before Fastify), a full-width one (through the Fastify route) and a batch.
    for (const res of [
      await get('/v1/lookup/02439437142').set('X-Request-Id', 'hot-1').expect(200),
      await get('/v1/lookup/%EF%BC%90%EF%BC%92%EF%BC%94%EF%BC%93%EF%BC%99%EF%BC%94%EF%BC%93%EF%BC%97%EF%BC%91%EF%BC%94%EF%BC%92')
        .set('X-Request-Id', 'hot-1')
        .expect(200),
      await batch()
        .set('X-Request-Id', 'hot-1')
        .send({ numbers: ['02439437142'] })
        .expect(200),
    ]) {
      expect(
        Object.keys(res.headers)
          .filter((name) => !TRANSPORT.has(name))
          .sort(),
      ).toEqual(API_HEADERS);
      expect(res.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(res.text)),
        'x-request-id': 'hot-1',
        'cache-control': 'private, max-age=60',
        'x-content-type-options': 'nosniff',
      });
    }
    const generated = await get('/v1/lookup/02439437142').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the browser headers on Swagger UI and on error bodies', async () => {
    const docs = await request(lookup.getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const refused = await request(lookup.getHttpServer()).get('/v1/lookup/02439437142').expect(401);
    expect(refused.headers['x-frame-options']).toBe('DENY');
    expect(refused.headers['cache-control']).toBeUndefined();
  });

  it('gives the same answer on either path, byte for byte apart from the version', async () => {
    const plain = await get('/v1/lookup/%2B84%2024%203943%207142?origin=viettel').expect(200);
    const routed = await get('/v1/lookup/(024)%203943-7142?origin=viettel').expect(200);
    expect(routed.text).toBe(plain.text);
    expect(plain.body).toEqual({
      number: '+842439437142',
      verdict: 'brand',
      status: 'active',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      originAllowed: true,
      registryVersion: expect.any(Number),
      ttlSeconds: 60,
    });
    const results = (
      await batch()
        .send({ numbers: ['+842439437142', '0243 943 7142', '02439437142'], origin: 'VIETTEL' })
        .expect(200)
    ).body.results;
    expect(results).toEqual([plain.body, plain.body, plain.body]);
  });

  const refusals: Array<[string, () => request.Test, number, string, RegExp]> = [
    ['an over-long number', () => get(`/v1/lookup/${'9'.repeat(101)}`), 400, 'VALIDATION_FAILED', /path parameter is too long/],
    ['a number of 100 digits', () => get(`/v1/lookup/${'9'.repeat(100)}`), 400, 'INVALID_NUMBER', /not a valid Vietnamese phone number/],
    ['a NUL', () => get('/v1/lookup/0912%00345678'), 400, 'INVALID_NUMBER', /not a valid/],
    ['invalid UTF-8', () => get('/v1/lookup/%C3%28'), 400, 'VALIDATION_FAILED', /^Malformed URL$/],
    ['a lone continuation byte', () => get('/v1/lookup/%FF'), 400, 'VALIDATION_FAILED', /^Malformed URL$/],
    [
      'a 2 MB batch',
      () =>
        batch()
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ numbers: Array(200_000).fill('0912345678') })),
      413,
      'PAYLOAD_TOO_LARGE',
      /too large/,
    ],
    [
      'deep JSON',
      () =>
        batch()
          .set('Content-Type', 'application/json')
          .send(`{"numbers":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      400,
      'VALIDATION_FAILED',
      /nests deeper than 32/,
    ],
    [
      'a body that is not JSON',
      () => batch().set('Content-Type', 'application/json').send('{"numbers": [1,'),
      400,
      'VALIDATION_FAILED',
      /not valid JSON/,
    ],
    ['an unknown origin', () => batch().send({ numbers: ['0912345678'], origin: 'NOSUCH' }), 400, 'INVALID_ORIGIN', /carrier code/],
  ];
  it.each(refusals)('refuses %s with the usual 4xx error body', async (_name, send, status, code, message) => {
    const res = await send().set('X-Request-Id', 'bad-1');
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: { statusCode: status, code, message: expect.stringMatching(message), requestId: 'bad-1' },
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers raw invalid UTF-8 in the path with a 4xx, never a 5xx', async () => {
    await lookup.listen(0, '127.0.0.1');
    const { port } = lookup.getHttpServer().address() as { port: number };
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(Buffer.from(`GET /v1/lookup/\xff\xfe HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${key}\r\nConnection: close\r\n\r\n`, 'latin1')),
      );
      const chunks: Buffer[] = [];
      socket.on('data', (d) => chunks.push(d));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
  });

  it('counts requests answered before Fastify in /metrics, per route, status and carrier', async () => {
    for (let i = 0; i < 3; i++) await get('/v1/lookup/02439437142').expect(200);
    await get('/v1/lookup/0912').expect(400);
    await request(lookup.getHttpServer()).get('/metrics').expect(404); // never on the public port
    const text = await (await fetch((await lookup.get(MetricsEndpoint).listen()).url)).text();
    const count = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    expect(count(/http_request_duration_seconds_count\{route="\/v1\/lookup\/:number",status="200"\} (\d+)/)).toBeGreaterThanOrEqual(3);
    expect(count(/http_request_duration_seconds_count\{route="\/v1\/lookup\/:number",status="400"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(count(/lookup_request_duration_seconds_count\{carrier="VIETTEL"\} (\d+)/)).toBeGreaterThanOrEqual(4);
    expect(count(/lookup_answers_total\{carrier="VIETTEL",verdict="brand"\} (\d+)/)).toBeGreaterThanOrEqual(3);
  });
});

/** The logging policy, on the built service as operators run it (LOG_LEVEL=info, the default). */
describe('lookup request lines', () => {
  let ds: DataSource;
  const services: ServiceProcess[] = [];
  const apiKey = 'vbr_test_hot_key_0123456789abcdefghijklmnopqrstuvw';

  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
    const [carrier] = await ds.query(`INSERT INTO carriers (code, name) VALUES ('VIETTEL', 'Viettel') RETURNING id`);
    const hash = createHash('sha256').update(apiKey).digest('hex');
    await ds.query(`INSERT INTO carrier_api_keys (carrier_id, prefix, key_hash) VALUES ($1, 'vbr_test', $2)`, [carrier.id, hash]);
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop('SIGKILL')));
    await ds?.destroy();
  });

  async function start(env: Record<string, string>): Promise<{ service: ServiceProcess; url: string }> {
    const port = await freePort();
    const service = ServiceProcess.start('lookup', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      JWT_SECRET: 'x'.repeat(40),
      DB_MIGRATIONS_RUN: 'false',
      LOOKUP_PORT: String(port),
      ...env,
    });
    services.push(service);
    const url = `http://127.0.0.1:${port}`;
    await service.ready(`${url}/health/ready`);
    return { service, url };
  }
  const call = (url: string, id: string, key = apiKey) =>
    fetch(`${url}/v1/lookup/0912345678`, { headers: { 'x-api-key': key, 'x-request-id': id } });

  it('by default logs every 4xx with its request id, and no successful lookup', async () => {
    // The access log as it is by default; only the slow-request line is set out of reach (it has its own test
    // below): on a loaded machine a successful lookup can take longer than the default 50 ms.
    const { service, url } = await start({ LOOKUP_SLOW_MS: '60000' });
    expect((await call(url, 'policy-ok-1')).status).toBe(200);
    expect((await call(url, 'policy-401-1', 'vbr_wrong')).status).toBe(401);
    expect((await fetch(`${url}/v1/lookup/12?x=1`, { headers: { 'x-api-key': apiKey, 'x-request-id': 'policy-400-1' } })).status).toBe(400);
    expect((await call(url, 'policy-ok-2')).status).toBe(200);
    await within(5000, async () => expect(service.jsonLines().find((l) => l.req?.id === 'policy-400-1')).toBeDefined());
    const lines = service.jsonLines();
    expect(lines.find((l) => l.req?.id === 'policy-401-1')).toMatchObject({
      msg: 'request refused',
      res: { statusCode: 401 },
      route: '/v1/lookup/:number',
    });
    expect(lines.find((l) => l.req?.id === 'policy-400-1')).toMatchObject({ res: { statusCode: 400 }, carrier: 'VIETTEL' });
    expect(lines.filter((l) => String(l.req?.id).startsWith('policy-ok'))).toEqual([]);
    expect(service.output.join('\n')).not.toContain(apiKey);
  });

  it('logs a request slower than LOOKUP_SLOW_MS even when it succeeded', async () => {
    const { service, url } = await start({ LOOKUP_SLOW_MS: '0' });
    expect((await call(url, 'policy-slow-1')).status).toBe(200);
    await within(5000, async () =>
      expect(service.jsonLines().find((l) => l.req?.id === 'policy-slow-1')).toMatchObject({
        msg: 'slow request',
        res: { statusCode: 200 },
        carrier: 'VIETTEL',
      }),
    );
  });

  it('refuses a wrong LOOKUP_ACCESS_LOG at boot, naming it', async () => {
    const bad = ServiceProcess.start('lookup', { NODE_ENV: 'test', LOOKUP_PORT: '0', LOOKUP_ACCESS_LOG: 'sample:2' });
    expect((await bad.exit()).code).toBe(1);
    expect(bad.output.join('\n')).toContain('LOOKUP_ACCESS_LOG');
  });
});
