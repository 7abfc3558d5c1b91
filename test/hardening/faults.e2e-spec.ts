import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { freePort, ServiceProcess } from '../support/service-process';
import { TcpProxy, viaProxy } from '../support/tcp-proxy';
import { expectErrorShape, lookupApp, signToken, TEST_JWT_SECRET, withEnv } from './hardening-support';
import { within } from '../support/wait';

/**
 * Faults. The database cut under lookup load is test/lookup/lookup-resilience.e2e-spec.ts (not repeated).
 * Here: the registry losing its database in the middle of an import (all or nothing), a lookup instance going
 * away under load while a second keeps answering, and kill -9 of the embedded-database registry during writes.
 */
describe('faults', () => {
  let h: RegistryHarness;
  let org: string;
  let rootToken: string;

  beforeAll(async () => {
    h = await withEnv({ JWT_SECRET: TEST_JWT_SECRET }, () => RegistryHarness.start());
    await h.createUser('reg2', 'regulator');
    org = await h.activeOrganization('FAULT', 'Cơ quan lỗi');
    await h.activeBrandname(org, 'CQ LOI', 'Cơ quan lỗi');
    const [root] = await h.ds.query(`SELECT id FROM users WHERE username = $1`, [ROOT.username]);
    rootToken = signToken(root.id);
  });
  afterAll(() => h?.stop());

  describe('the registry loses its database in the middle of an import', () => {
    let proxy: TcpProxy;
    let registry: INestApplication;

    beforeAll(async () => {
      proxy = await TcpProxy.forDatabase(process.env.DATABASE_URL!);
      registry = await withEnv({ JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: viaProxy(process.env.DATABASE_URL!, proxy) }, () =>
        createRegistryApp(),
      );
    });
    afterAll(async () => {
      proxy?.restore();
      await registry?.close();
      await proxy?.close();
    });

    it('fails with a 5xx in the error shape and leaves not one row of the file, then works again', async () => {
      const rows = Array.from({ length: 100_000 }, (_, i) => `0936${String(i).padStart(6, '0')},CQ LOI`);
      const csv = Buffer.from(`number,label\n${rows.join('\n')}\n`);
      const count = async () => (await h.ds.query(`SELECT count(*)::int AS n FROM caller_numbers WHERE e164 LIKE '+84936%'`))[0].n;
      const audits = async () => (await h.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'number.import'`))[0].n;
      const auditsBefore = await audits();

      const pending = request(registry.getHttpServer())
        .post(`/v1/organizations/${org}/numbers/import`)
        .set('Authorization', `Bearer ${rootToken}`)
        .attach('file', csv, 'numbers.csv');
      const answer = pending.then((r) => r);
      // Cut once the import's transaction is writing: a megabyte of its INSERTs has gone through the proxy (the
      // 100,000 rows send several), on either database; no clock involved.
      const started = Date.now();
      const writtenBefore = proxy.bytesToTarget;
      await within(60_000, async () => expect(proxy.bytesToTarget - writtenBefore).toBeGreaterThan(1_000_000), 5);
      proxy.cut();
      const res = await answer;
      console.log(`import cut after ${Date.now() - started} ms: ${res.status} ${res.body.code}`);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expectErrorShape(res);
      expect(res.text).not.toMatch(/QueryFailed|ECONNRESET|Connection terminated|INSERT/);

      proxy.restore();
      // All or nothing: the transaction never committed, so no row and no audit event of it exist.
      await within(5000, async () => expect(await count()).toBe(0));
      expect(await audits()).toBe(auditsBefore);

      // And the registry recovers by itself once the database is back.
      await within(
        10_000,
        async () => {
          const again = await request(registry.getHttpServer())
            .post(`/v1/organizations/${org}/numbers/import`)
            .set('Authorization', `Bearer ${rootToken}`)
            .attach('file', Buffer.from('number,label\n0936999999,CQ LOI\n'), 'numbers.csv');
          expect(again.status).toBe(200);
        },
        200,
      );
      expect(await count()).toBe(1);
    }, 60_000);
  });

  it('a lookup instance going away under load: the second answers everything', async () => {
    const root = await h.as(ROOT.username);
    const carrier = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body;
    const key = (await root.post(`/v1/carriers/${carrier.id}/api-keys`).expect(201)).body.key;
    const apps: NestFastifyApplication[] = [
      await lookupApp({ LOOKUP_RATE_LIMIT_RPS: '0' }),
      await lookupApp({ LOOKUP_RATE_LIMIT_RPS: '0' }),
    ];
    const urls: string[] = [];
    for (const app of apps) {
      await app.listen(0, '127.0.0.1');
      urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
    try {
      for (const url of urls) {
        await within(5000, async () =>
          expect((await fetch(`${url}/v1/lookup/0912345678`, { headers: { 'x-api-key': key } })).status).toBe(200),
        );
      }
      // A client (or balancer) that tries the first instance and falls back to the second on a refused connection.
      let fallbacks = 0;
      const lookupOnce = async (i: number): Promise<number> => {
        const order = i % 2 ? [urls[1], urls[0]] : urls;
        for (const url of order) {
          try {
            return (await fetch(`${url}/v1/lookup/091234${String(i % 10_000).padStart(4, '0')}`, { headers: { 'x-api-key': key } })).status;
          } catch {
            fallbacks++;
          }
        }
        return 0;
      };
      const statuses: number[] = [];
      let closing: Promise<void> | undefined;
      for (let round = 0; round < 30; round++) {
        if (round === 10) closing = apps[0].close(); // the first instance shuts down while load continues
        statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => lookupOnce(round * 20 + j)))));
      }
      await closing;
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses).toHaveLength(600);
      expect(fallbacks).toBeGreaterThan(0); // the first instance really went away
    } finally {
      await apps[0].close().catch(() => undefined);
      await apps[1].close();
    }
  }, 60_000);
});

describe('kill -9 of the registry on the embedded database during writes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vbr-kill9-'));
  const password = 'kill9-root-password-123';
  const env = (port: number) => ({
    DATABASE_URL: '', // the embedded database under DATA_DIR, not the test run's
    DATA_DIR: dataDir,
    DB_MIGRATIONS_RUN: 'true',
    NODE_ENV: 'production',
    SECOND_FACTOR: 'optional', // signs in with a password only (the second factor: test/registry/second-factor.e2e-spec.ts)
    JWT_SECRET: 'k'.repeat(40),
    LOG_LEVEL: 'warn',
    REGISTRY_PORT: String(port),
    BOOTSTRAP_ADMIN_USERNAME: 'killroot',
    BOOTSTRAP_ADMIN_PASSWORD: password,
  });
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = async (url: string) => {
    const res = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'killroot', password }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  it('every write that was answered 2xx is there after a restart, and the audit chain verifies', async () => {
    let port = await freePort();
    let url = `http://127.0.0.1:${port}`;
    service = ServiceProcess.start('registry', env(port));
    await service.ready(`${url}/health/ready`, 60_000);
    let token = await login(url);

    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const code = `K${String(++n).padStart(5, '0')}`;
        try {
          const res = await fetch(`${url}/v1/organizations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ code, name: `Tổ chức ${code}`, kind: 'other' }),
          });
          if (res.status === 201) acknowledged.push(code);
        } catch {
          return; // the process is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await within(20_000, async () => expect(acknowledged.length).toBeGreaterThanOrEqual(30), 50);
    expect(await service.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    stop = true;
    await Promise.all(writers);
    console.log(`kill -9 after ${acknowledged.length} acknowledged writes (${n} attempted)`);

    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = ServiceProcess.start('registry', env(port));
    await service.ready(`${url}/health/ready`, 60_000); // no stale lock to wait out: the kernel freed it with the process
    token = await login(url);
    const orgs = (await (await fetch(`${url}/v1/organizations`, { headers: { authorization: `Bearer ${token}` } })).json()) as Array<{
      code: string;
    }>;
    const stored = new Set(orgs.map((o) => o.code));
    expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
    const verify = (await (await fetch(`${url}/v1/audit-events/verify`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      valid: boolean;
    };
    expect(verify.valid).toBe(true);
    // Every stored organization has its creation event, and nothing else was half-written.
    const audit = (await (
      await fetch(`${url}/v1/audit-events?entityType=organization&limit=500`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ action: string; entityId: string }>;
    };
    const created = audit.items.filter((e) => e.action === 'organization.create');
    expect(created.length).toBe(Math.min(500, orgs.length));
  }, 120_000);
});
