import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CarrierDirectory } from '../../apps/lookup/src/feed/carrier-directory';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { RegistryConfig, validateConfig } from '../../libs/platform/src/config/app-config';
import { resetDatabase, testDataSource } from '../support/database';
import { RegistryHarness } from '../support/registry-harness';
import { freePort, ServiceProcess } from '../support/service-process';
import { EVENTUALLY_MS, within } from '../support/wait';
import { lookupApp, withEnv } from './hardening-support';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Secrets: carrier API keys, passwords and their hashes never leave in a response, a log line or the audit log;
 * the registry stores only a key's SHA-256 and the lookup compares hashes, never clear keys; both services send
 * security headers; CORS is closed unless CORS_ORIGINS opens it to named origins.
 */
describe('secrets never leave: the built services, every log line captured', () => {
  let ds: DataSource;
  let registry: ServiceProcess;
  let lookup: ServiceProcess;
  let registryUrl: string;
  let lookupUrl: string;
  const rootPassword = 'secrets-root-password-123';
  const userPassword = 'secrets-user-password-456';
  const wrongPassword = 'secrets-wrong-password-789';
  // Passwords only (the second factor's own secrets: test/registry/second-factor.e2e-spec.ts); DOCS_ENABLED:
  // production hides the documents, which are among the responses searched for secrets here.
  const env = {
    NODE_ENV: 'production',
    SECOND_FACTOR: 'optional',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    JWT_SECRET: 'y'.repeat(40),
    DB_MIGRATIONS_RUN: 'false',
    DOCS_ENABLED: 'true',
  };
  const seen: string[] = []; // every response body and header set

  const call = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, init);
    const text = await res.text();
    seen.push(JSON.stringify([...res.headers.entries()]), text);
    return { status: res.status, text, json: () => JSON.parse(text) };
  };

  let key = '';
  let token = '';
  let secondKey = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'vbr-secrets-'));
  /** The registry's private signing keys, as its key file holds them (read once it has started). */
  let privateKeys: Array<Record<string, string>> = [];

  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
    await ds.query(`DELETE FROM users`);
    const [registryPort, lookupPort] = [await freePort(), await freePort()];
    registryUrl = `http://127.0.0.1:${registryPort}`;
    lookupUrl = `http://127.0.0.1:${lookupPort}`;
    registry = ServiceProcess.start('registry', {
      ...env,
      REGISTRY_PORT: String(registryPort),
      BOOTSTRAP_ADMIN_USERNAME: 'secroot',
      BOOTSTRAP_ADMIN_PASSWORD: rootPassword,
      DATA_DIR: dataDir,
    });
    lookup = ServiceProcess.start('lookup', { ...env, LOOKUP_PORT: String(lookupPort) });
    await Promise.all([registry.ready(`${registryUrl}/health/ready`), lookup.ready(`${lookupUrl}/health/ready`)]);

    const json = (body: unknown, extra: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
    expect((await call(`${registryUrl}/v1/auth/login`, json({ username: 'secroot', password: wrongPassword }))).status).toBe(401);
    const login = await call(`${registryUrl}/v1/auth/login`, json({ username: 'secroot', password: rootPassword }));
    token = login.json().accessToken;
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await call(`${registryUrl}/v1/users`, json({ username: 'sec.reg2', password: userPassword, role: 'regulator' }, auth))).status,
    ).toBe(201);
    const carrier = (await call(`${registryUrl}/v1/carriers`, json({ code: 'VIETTEL', name: 'Viettel' }, auth))).json();
    const created = await call(`${registryUrl}/v1/carriers/${carrier.id}/api-keys`, { method: 'POST', headers: auth });
    key = created.json().key;
    secondKey = (await call(`${registryUrl}/v1/carriers/${carrier.id}/api-keys`, { method: 'POST', headers: auth })).json().key;
    expect(key).toMatch(/^vbr_viettel_/);
    // The lookup picks keys up on its next refresh, which may fall between the two creations: wait for both.
    await within(EVENTUALLY_MS, async () => {
      expect((await call(`${lookupUrl}/v1/lookup/0912345678`, { headers: { 'x-api-key': key } })).status).toBe(200);
      expect((await call(`${lookupUrl}/v1/lookup/0912345678`, { headers: { 'x-api-key': secondKey } })).status).toBe(200);
    });
    expect((await call(`${lookupUrl}/v1/lookup/0912345678`, { headers: { 'x-api-key': `${key}x` } })).status).toBe(401);
    expect((await call(`${lookupUrl}/v1/sync/changes?since=0`, { headers: { 'x-api-key': secondKey } })).status).toBe(200);
    // A published number: signed entries in the feed, the snapshot, signed lookups; both JWKS; the public check.
    privateKeys = JSON.parse(readFileSync(join(dataDir, 'signing-keys.json'), 'utf8')).keys;
    expect(privateKeys).toHaveLength(1);
    const reg2 = {
      authorization: `Bearer ${(await call(`${registryUrl}/v1/auth/login`, json({ username: 'sec.reg2', password: userPassword }))).json().accessToken}`,
    };
    const org = (
      await call(`${registryUrl}/v1/organizations`, json({ code: 'MIC', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry' }, auth))
    ).json();
    await call(`${registryUrl}/v1/organizations/${org.id}/approve`, json({}, reg2));
    const brand = (
      await call(`${registryUrl}/v1/organizations/${org.id}/brandnames`, json({ label: 'BO TTTT', displayName: 'Bộ TT&TT' }, auth))
    ).json();
    await call(`${registryUrl}/v1/brandnames/${brand.id}/approve`, json({}, reg2));
    const number = (
      await call(`${registryUrl}/v1/organizations/${org.id}/numbers`, json({ number: '024 3943 7142', brandnameId: brand.id }, auth))
    ).json();
    expect((await call(`${registryUrl}/v1/numbers/${number.id}/approve`, json({}, reg2))).status).toBe(200);
    await within(EVENTUALLY_MS, async () => {
      const signed = await call(`${lookupUrl}/v1/lookup/02439437142?signed=true`, { headers: { 'x-api-key': key } });
      expect(signed.json().jws).toEqual(expect.any(String));
    });
    for (const url of [
      `${registryUrl}/.well-known/jwks.json`,
      `${lookupUrl}/.well-known/jwks.json`,
      `${lookupUrl}/v1/public/check/02439437142`,
    ]) {
      expect((await call(url)).status).toBe(200);
    }
    expect((await call(`${lookupUrl}/v1/sync/snapshot`, { headers: { 'x-api-key': key } })).text).toContain('"sha256"');
    await call(`${lookupUrl}/v1/lookup/batch`, json({ numbers: ['02439437142'], signed: true }, { 'x-api-key': key }));
    for (const docs of [`${registryUrl}/docs-json`, `${lookupUrl}/docs-json`]) expect((await call(docs)).status).toBe(200);

    // Reads that could echo secrets, and errors that could dump them.
    for (const path of [
      '/v1/users',
      '/v1/carriers',
      '/v1/carriers/directory',
      '/v1/audit-events?limit=100',
      '/v1/audit-events/verify',
      '/v1/audit-events/export',
    ]) {
      expect((await call(`${registryUrl}${path}`, { headers: auth })).status).toBe(200);
    }
    await call(`${registryUrl}/v1/users`, json({ username: 'sec.reg2', password: userPassword, role: 'regulator' }, auth)); // duplicate
    await call(
      `${registryUrl}/v1/users`,
      json({ username: 'x', password: userPassword, role: 'nope' }, { ...auth, 'x-request-id': 'secrets-last' }),
    ); // invalid
    // The log line is written after the response: wait for it.
    await within(10_000, async () => expect(registry.output.some((l) => l.includes('secrets-last'))).toBe(true));
  }, 60_000);

  afterAll(async () => {
    await registry?.stop('SIGKILL');
    await lookup?.stop('SIGKILL');
    await ds?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const secrets = () => ({
    'the API key': key,
    'the second API key': secondKey,
    "the API key's hash": sha256(key),
    "the second key's hash": sha256(secondKey),
    'the root password': rootPassword,
    "a user's password": userPassword,
    'a wrong password': wrongPassword,
    'a password hash': '$argon2',
    ...Object.fromEntries(privateKeys.map((k, i) => [`private signing key ${i + 1}`, k.d])),
    ...Object.fromEntries(privateKeys.map((k, i) => [`private signing key ${i + 1} as JSON`, JSON.stringify(k)])),
  });

  it('in no response (but the one creating the key, once)', () => {
    const creation = seen.filter((t) => t.includes(key));
    expect(creation).toHaveLength(1);
    const rest = seen.filter((t) => !t.includes(`"key":"${key}"`) && !t.includes(`"key":"${secondKey}"`));
    for (const [name, secret] of Object.entries(secrets())) {
      const hits = rest.filter((t) => t.includes(secret));
      expect({ name, hits }).toEqual({ name, hits: [] });
    }
    expect(rest.join('\n')).not.toMatch(/passwordHash|password_hash|keyHash|key_hash/);
  });

  it('in no log line of either service, even at debug level', () => {
    const lines = [...registry.output, ...lookup.output];
    expect(lines.length).toBeGreaterThan(10);
    for (const [name, secret] of Object.entries({ ...secrets(), 'an access token': token })) {
      const hits = lines.filter((l) => l.includes(secret));
      expect({ name, hits }).toEqual({ name, hits: [] });
    }
  });

  it('in no audit event, and the database keeps only hashes', async () => {
    const audit = JSON.stringify(await ds.query(`SELECT * FROM audit_events`));
    for (const [name, secret] of Object.entries(secrets())) {
      expect({ name, found: audit.includes(secret) }).toEqual({ name, found: false });
    }
    const everything = JSON.stringify([
      await ds.query(`SELECT * FROM carrier_api_keys`),
      await ds.query(`SELECT * FROM users`),
      await ds.query(`SELECT * FROM carriers`),
      await ds.query(`SELECT * FROM registry_changes`),
    ]);
    for (const secret of [key, secondKey, rootPassword, userPassword, key.slice(16)]) expect(everything).not.toContain(secret);
    const keys = await ds.query(`SELECT prefix, key_hash FROM carrier_api_keys ORDER BY created_at`);
    expect(keys.map((k: { key_hash: string }) => k.key_hash)).toEqual([sha256(key), sha256(secondKey)]);
    expect(keys.map((k: { prefix: string }) => k.prefix)).toEqual([key.slice(0, 16), secondKey.slice(0, 16)]);
    const users = await ds.query(`SELECT password_hash FROM users`);
    for (const u of users) expect(u.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('keeps the private signing key out of every row of every table', async () => {
    expect(privateKeys.length).toBeGreaterThan(0);
    const tables: Array<{ table_name: string }> = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['signing_keys', 'published_numbers', 'registry_changes']));
    const rows = JSON.stringify(await Promise.all(tables.map((t) => ds.query(`SELECT * FROM "${t.table_name}"`))));
    expect(rows).toContain(privateKeys[0].x); // the public half is there
    for (const k of privateKeys) expect(rows.includes(k.d)).toBe(false);
  });
});

describe('keys are compared as hashes, never as clear text', () => {
  /**
   * Why there is no timing test: the lookup hashes the presented key (SHA-256) and looks the digest up in a
   * Map. Whatever the key's prefix, the work is one hash of the presented bytes and one hash-table probe on a
   * digest the attacker cannot steer towards a stored one (a key differing in its first or last character
   * gives an unrelated digest), so response time carries nothing about how close a guess was. A timing
   * test would be flaky; these assertions pin the behaviour instead.
   */
  it('the directory holds only digests, and finds a key by its digest', () => {
    const directory = new CarrierDirectory();
    const key = 'vbr_viettel_' + 'k'.repeat(43);
    directory.replace([{ key_hash: sha256(key), code: 'VIETTEL', status: 'active' }], ['VIETTEL']);
    expect(directory.identify(key)).toEqual({ code: 'VIETTEL', status: 'active' });
    expect(directory.identify(key.slice(0, -1) + 'x')).toBeUndefined();
    expect(directory.identify(sha256(key))).toBeUndefined(); // the stored digest is not itself a key
    const held = JSON.stringify(Object.values(directory).map((v) => (v instanceof Map ? [...v.keys()] : v instanceof Set ? [...v] : v)));
    expect(held).not.toContain(key);
  });
});

describe('keys are compared as hashes, never as clear text: near misses are refused', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key = '';

  beforeAll(async () => {
    h = await RegistryHarness.start();
    const root = await h.as('root');
    const carrier = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body;
    key = (await root.post(`/v1/carriers/${carrier.id}/api-keys`).expect(201)).body.key;
    lookup = await lookupApp();
    await within(
      5000,
      async () => void (await request(lookup.getHttpServer()).get('/v1/lookup/0912345678').set('X-Api-Key', key).expect(200)),
    );
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('one character changed anywhere, a prefix, an extension, another case or the stored digest: 401', async () => {
    const flip = (i: number) => key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1);
    const misses = [
      flip(0),
      flip(12),
      flip(Math.floor(key.length / 2)),
      flip(key.length - 1),
      key.slice(0, -1),
      `${key}a`,
      key.toUpperCase(),
      sha256(key),
    ];
    for (const miss of misses) {
      const res = await request(lookup.getHttpServer()).get('/v1/lookup/0912345678').set('X-Api-Key', miss);
      expect({ miss, status: res.status, code: res.body.code }).toEqual({ miss, status: 401, code: 'UNAUTHENTICATED' });
    }
    await request(lookup.getHttpServer()).get('/v1/lookup/0912345678').set('X-Api-Key', key).expect(200);
  });
});

describe('security headers and CORS', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;

  beforeAll(async () => {
    h = await RegistryHarness.start();
    lookup = await lookupApp();
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  const apps = () =>
    [
      ['registry', h.app.getHttpServer()],
      ['lookup', lookup.getHttpServer()],
    ] as const;

  it.each(['/health/live', '/v1/nope', '/docs/', '/docs-json'])('both services send the helmet headers on %s', async (path) => {
    for (const [name, server] of apps()) {
      const res = await request(server).get(path);
      expect({ name, status: res.status < 500 }).toEqual({ name, status: true });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Not configured as served over https: nothing that sends a browser to https (over plain HTTP on a name
      // other than localhost, upgrade-insecure-requests made the console a blank page).
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('served over https (PUBLIC_URL https://…), both services keep browsers on https', async () => {
    const env = { PUBLIC_URL: 'https://brandname.example.gov.vn' };
    const registry = await withEnv(env, () => createRegistryApp());
    const lookupHttps = await withEnv(env, () => lookupApp());
    try {
      for (const res of [
        await request(registry.getHttpServer()).get('/health/live'),
        await request(lookupHttps.getHttpServer()).get('/health/live'),
        await request(lookupHttps.getHttpServer()).get('/v1/lookup/0912345678'), // an error: the lookup's own headers
      ]) {
        expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}; includeSubDomains/);
      }
    } finally {
      await registry.close();
      await lookupHttps.close();
    }
  });

  it('a 401 and a 413 carry them too', async () => {
    for (const res of [
      await request(h.app.getHttpServer()).get('/v1/users'),
      await request(lookup.getHttpServer()).get('/v1/lookup/0912345678'),
      await request(h.app.getHttpServer())
        .post('/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ u: 'x'.repeat(200_000) })),
    ]) {
      expect(res.status === 401 || res.status === 413).toBe(true);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('Swagger UI still works under the CSP: every script is a same-origin file', async () => {
    for (const [, server] of apps()) {
      const page = await request(server).get('/docs').redirects(1).expect(200);
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, inline] of scripts) {
        expect(attrs).toMatch(/src=["'](\.\/|\/)?(docs\/)?[\w.-]+\.js["']/);
        expect(inline.trim()).toBe('');
      }
      await request(server).get('/docs/swagger-ui-init.js').expect(200);
    }
  });

  it('CORS is closed by default: no Access-Control-Allow-Origin, and no preflight', async () => {
    for (const [name, server] of apps()) {
      const simple = await request(server).get('/health/live').set('Origin', 'https://evil.example');
      expect({ name, acao: simple.headers['access-control-allow-origin'] }).toEqual({ name, acao: undefined });
      const preflight = await request(server)
        .options(name === 'registry' ? '/v1/organizations' : '/v1/lookup/batch')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type, x-api-key');
      expect({ name, acao: preflight.headers['access-control-allow-origin'] }).toEqual({ name, acao: undefined });
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
      expect(preflight.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('CORS_ORIGINS opens the registry to the origins it names, and only to them', async () => {
    const app = await withEnv({ CORS_ORIGINS: 'https://console.example.gov.vn, https://ops.example.gov.vn' }, () => createRegistryApp());
    try {
      const allowed = await request(app.getHttpServer())
        .options('/v1/organizations')
        .set('Origin', 'https://console.example.gov.vn')
        .set('Access-Control-Request-Method', 'POST');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.gov.vn');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const other = await request(app.getHttpServer()).get('/health/live').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('a wrong CORS_ORIGINS stops the service at boot, naming it', () => {
    expect(() => validateConfig({ CORS_ORIGINS: 'console.example.gov.vn' }, RegistryConfig)).toThrow(/CORS_ORIGINS/);
    expect(validateConfig({ CORS_ORIGINS: ' https://a.example ,https://b.example:8443' }, RegistryConfig).CORS_ORIGINS).toContain(
      'https://a.example',
    );
  });
});
