import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { resetDatabase, testDataSource } from '../support/database';
import { freePort, ServiceProcess } from '../support/service-process';

/**
 * The built services as operators run them: health, metrics, one JSON log line per request with no secrets,
 * fail-fast configuration and a clean SIGTERM. Needs `npm run build` (npm test and test:e2e do it).
 */
describe('running services', () => {
  let ds: DataSource;
  let registry: ServiceProcess;
  let lookup: ServiceProcess;
  let registryUrl: string;
  let lookupUrl: string;
  const password = 'ops-root-password-123';
  const apiKey = 'vbr_test_ops_key_0123456789abcdefghijklmnopqrstuv';
  const base = { NODE_ENV: 'production', LOG_LEVEL: 'info', JWT_SECRET: 'x'.repeat(40), DB_MIGRATIONS_RUN: 'false' };

  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
    await ds.query(`DELETE FROM users`);
    const [carrier] = await ds.query(`INSERT INTO carriers (code, name) VALUES ('VIETTEL', 'Viettel') RETURNING id`);
    await ds.query(`INSERT INTO carrier_api_keys (carrier_id, prefix, key_hash) VALUES ($1, 'vbr_test', $2)`, [
      carrier.id,
      createHash('sha256').update(apiKey).digest('hex'),
    ]);
    const [registryPort, lookupPort] = [await freePort(), await freePort()];
    registryUrl = `http://127.0.0.1:${registryPort}`;
    lookupUrl = `http://127.0.0.1:${lookupPort}`;
    registry = ServiceProcess.start('registry', {
      ...base,
      REGISTRY_PORT: String(registryPort),
      BOOTSTRAP_ADMIN_USERNAME: 'opsroot',
      BOOTSTRAP_ADMIN_PASSWORD: password,
    });
    // Per-request lines are opt-in on the lookup (LOOKUP_ACCESS_LOG); test/lookup covers the default policy.
    lookup = ServiceProcess.start('lookup', { ...base, LOOKUP_PORT: String(lookupPort), LOOKUP_ACCESS_LOG: 'all' });
    await Promise.all([registry.ready(`${registryUrl}/health/ready`), lookup.ready(`${lookupUrl}/health/ready`)]);
  }, 60_000);

  afterAll(async () => {
    await registry?.stop('SIGKILL');
    await lookup?.stop('SIGKILL');
    await ds?.destroy();
  });

  it('answers health and Prometheus metrics on both services', async () => {
    for (const url of [registryUrl, lookupUrl]) {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const ready = (await (await fetch(`${url}/health/ready`)).json()) as { status: string };
      expect(ready.status).toBe('ok');
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toMatch(/db_pool_connections\{state="total"\} \d/);
    }
  });

  it('writes one JSON line per request, with the request id echoed, and no secrets or private numbers', async () => {
    const login = await fetch(`${registryUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ops-login-1' },
      body: JSON.stringify({ username: 'opsroot', password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe('ops-login-1');
    const { accessToken } = (await login.json()) as { accessToken: string };
    const orgs = await fetch(`${registryUrl}/v1/organizations`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(orgs.status).toBe(200);
    const answer = await fetch(`${lookupUrl}/v1/lookup/0912345678`, { headers: { 'x-api-key': apiKey, 'x-request-id': 'ops-lookup-1' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('ops-lookup-1');
    const generated = await fetch(`${lookupUrl}/v1/lookup/0912345678`, { headers: { 'x-api-key': apiKey } });
    const generatedId = generated.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 300)); // let the log lines flush

    const regLines = registry.jsonLines();
    const loginLine = regLines.find((l) => l.req?.id === 'ops-login-1');
    expect(loginLine).toMatchObject({ msg: 'request completed', route: '/v1/auth/login', res: { statusCode: 200 } });
    expect(loginLine!.responseTime).toEqual(expect.any(Number));
    const orgLine = regLines.find((l) => l.route === '/v1/organizations' && l.req?.method === 'GET');
    expect(orgLine?.userId).toEqual(expect.any(String));

    const lookLines = lookup.jsonLines();
    const lookupLine = lookLines.find((l) => l.req?.id === 'ops-lookup-1');
    expect(lookupLine).toMatchObject({ route: '/v1/lookup/:number', carrier: 'VIETTEL', res: { statusCode: 200 } });
    expect(lookupLine!.req.url).toBe(`/v1/lookup/${encodeURIComponent('+84******678')}`);
    expect(lookLines.find((l) => l.req?.id === generatedId)).toBeDefined();

    const everything = [...registry.output, ...lookup.output].join('\n');
    for (const secret of [password, accessToken, apiKey, '0912345678', '912345678', '$argon2']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('stops cleanly on SIGTERM, after its shutdown hooks', async () => {
    for (const service of [lookup, registry]) {
      const started = Date.now();
      expect(await service.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(service.output.join('\n')).not.toMatch(/"level":50/); // no error logged while shutting down
    }
  });

  it.each([
    ['LOOKUP_RATE_LIMIT_RPS', 'fast'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['JWT_SECRET', 'short'],
  ])('refuses to start with a wrong %s, naming it', async (name, value) => {
    const bad = ServiceProcess.start('lookup', { ...base, LOOKUP_PORT: '0', [name]: value });
    expect(await bad.exit()).toEqual({ code: 1, signal: null });
    const output = bad.output.join('\n');
    expect(output).toContain(name);
    expect(output).not.toContain(value === 'short' ? 'xxxxxxxx' : '\u0000');
  });
});
