import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { resetDatabase, testDataSource } from '../support/database';
import { freePort, ServiceProcess } from '../support/service-process';
import { within } from '../support/wait';

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
  const metricsToken = 'ops-metrics-token-0123456789';
  // A password-only sign-in (SECOND_FACTOR: the second factor is test/registry/second-factor.e2e-spec.ts's).
  const base = {
    NODE_ENV: 'production',
    SECOND_FACTOR: 'optional',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'x'.repeat(40),
    DB_MIGRATIONS_RUN: 'false',
  };

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
    lookup = ServiceProcess.start('lookup', {
      ...base,
      LOOKUP_PORT: String(lookupPort),
      LOOKUP_ACCESS_LOG: 'all',
      METRICS_TOKEN: metricsToken,
    });
    await Promise.all([registry.ready(`${registryUrl}/health/ready`), lookup.ready(`${lookupUrl}/health/ready`)]);
  }, 60_000);

  afterAll(async () => {
    await registry?.stop('SIGKILL');
    await lookup?.stop('SIGKILL');
    await ds?.destroy();
  });

  it('answers health on the public port, and Prometheus metrics only on the metrics listener', async () => {
    for (const [url, service, headers] of [
      [registryUrl, registry, {}],
      [lookupUrl, lookup, { authorization: `Bearer ${metricsToken}` }],
    ] as const) {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const ready = (await (await fetch(`${url}/health/ready`)).json()) as { status: string };
      expect(ready.status).toBe('ok');
      const onPublic = await fetch(`${url}/metrics`);
      expect(onPublic.status).toBe(404);
      expect(await onPublic.text()).not.toContain('# TYPE');
      const metricsUrl = await service.metricsUrl();
      const metrics = await fetch(metricsUrl, { headers });
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await metrics.text();
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toMatch(/db_pool_connections\{state="total"\} \d/);
      expect((await fetch(metricsUrl.replace(/\/metrics$/, '/health/live'))).status).toBe(404); // metrics only
    }
    // METRICS_TOKEN (set on the lookup): a scrape without it, or with another, is 401.
    const lookupMetrics = await lookup.metricsUrl();
    expect((await fetch(lookupMetrics)).status).toBe(401);
    expect((await fetch(lookupMetrics, { headers: { authorization: `Bearer ${metricsToken}x` } })).status).toBe(401);
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
    // Lines are written after the response: wait for the last one.
    await within(10_000, async () => expect(lookup.jsonLines().some((l) => l.req?.id === generatedId)).toBe(true));
    await within(10_000, async () => expect(registry.jsonLines().some((l) => l.route === '/v1/organizations')).toBe(true));

    // Strict parsers refuse a key twice in one object; JSON.parse would silently keep the last.
    for (const line of [...registry.output, ...lookup.output].filter((l) => l.startsWith('{'))) {
      expect(line.match(/"route":/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
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
    for (const secret of [password, accessToken, apiKey, metricsToken, '0912345678', '912345678', '$argon2']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('stops cleanly on SIGTERM, after its shutdown hooks', async () => {
    // The test's own timeout bounds a shutdown that hangs; how long a clean one takes depends on the machine.
    for (const service of [lookup, registry]) {
      expect(await service.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
      expect(service.output.join('\n')).not.toMatch(/"level":50/); // no error logged while shutting down
    }
  });

  it.each<['lookup' | 'registry', string, string, boolean]>([
    ['lookup', 'LOOKUP_RATE_LIMIT_RPS', 'fast', false],
    ['lookup', 'DATABASE_URL', 'mysql://localhost/db', false],
    ['registry', 'DATABASE_URL', 'mysql://localhost/db', false],
    ['registry', 'JWT_SECRET', 'tiny-secret-7', true],
  ])('the %s refuses to start with a wrong %s, naming it', async (app, name, value, secret) => {
    const bad = ServiceProcess.start(app, { ...base, REGISTRY_PORT: '0', LOOKUP_PORT: '0', [name]: value });
    const exited = await Promise.race([bad.exit(), new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
    if (exited === null) await bad.stop('SIGKILL'); // it started: never leave it running
    expect(exited).toEqual({ code: 1, signal: null });
    const output = bad.output.join('\n');
    expect(output).toContain(name);
    // One line an operator reads at a glance: no stack trace, no colours.
    expect(bad.output).toHaveLength(1);
    expect(output).not.toContain('\u001b[');
    expect(output).not.toMatch(/^\s+at /m);
    // A secret is never echoed back, even a wrong one.
    if (secret) expect(output).not.toContain(value);
  });

  it('each service needs only its own settings: the lookup starts in production without JWT_SECRET, the registry does not', async () => {
    const port = await freePort();
    const lookupAlone = ServiceProcess.start('lookup', { ...base, JWT_SECRET: '', LOOKUP_PORT: String(port) });
    try {
      await lookupAlone.ready(`http://127.0.0.1:${port}/health/live`);
    } finally {
      await lookupAlone.stop('SIGTERM');
    }
    const registryAlone = ServiceProcess.start('registry', { ...base, JWT_SECRET: '', REGISTRY_PORT: '0' });
    expect(await registryAlone.exit()).toEqual({ code: 1, signal: null });
    expect(registryAlone.output).toEqual([expect.stringContaining('JWT_SECRET: required when NODE_ENV=production')]);
    expect(registryAlone.output[0]).toMatch(/^Registry failed to start: /);
  });

  it('without JWT_SECRET outside production, refuses a secret file others may read, on one line naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-ops-secret-'));
    const file = join(dataDir, 'jwt-secret');
    writeFileSync(file, `${'a1'.repeat(32)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644); // whatever the umask
    try {
      const registryOpen = ServiceProcess.start('registry', { ...base, NODE_ENV: 'development', JWT_SECRET: '', DATA_DIR: dataDir });
      expect(await registryOpen.exit()).toEqual({ code: 1, signal: null });
      expect(registryOpen.output).toEqual([
        `Registry failed to start: The JWT secret file ${file} is open to group or others (mode 0644): chmod 600 it, or set JWT_SECRET`,
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('npm start honours NODE_ENV=production: JSON lines from both services, whatever the terminal', async () => {
    const [registryPort, lookupPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, ...base, REGISTRY_PORT: String(registryPort), LOOKUP_PORT: String(lookupPort) };
    delete env.LOG_FORMAT; // the default, auto
    const launcher = spawn(process.execPath, [join(__dirname, '..', '..', 'scripts', 'start-services.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    launcher.stdout!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
    launcher.stderr!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      launcher.once('exit', (code, signal) => r({ code, signal })),
    );
    try {
      await within(
        30_000,
        async () => {
          for (const port of [registryPort, lookupPort]) expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
        },
        200,
      );
      await within(10_000, async () => expect(out.filter((l) => l.includes('/health/live')).length).toBeGreaterThanOrEqual(2), 100);
      const lines = out.filter((l) => l.includes('/health/live'));
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      launcher.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
