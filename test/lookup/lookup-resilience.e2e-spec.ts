import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { TcpProxy, viaProxy } from '../support/tcp-proxy';
import { EVENTUALLY_MS, within } from '../support/wait';

/** Creates a lookup app with `env` applied to process.env for its creation only. */
async function lookupAppWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await createLookupApp();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('lookup resilience', () => {
  let h: RegistryHarness;
  let proxy: TcpProxy;
  let lookup: NestFastifyApplication;
  let mic: string;
  let brand: string;
  const keys: Record<string, string> = {};

  const get = (app: NestFastifyApplication, path: string, apiKey = keys.VIETTEL) =>
    request(app.getHttpServer()).get(path).set('X-Api-Key', apiKey);
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);

  /** Registers a number in MIC as root and approves it as reg2; returns its id. */
  const register = async (body: object) => {
    const root = await h.as(ROOT.username);
    const res = await root
      .post(`/v1/organizations/${mic}/numbers`)
      .send({ brandnameId: brand, ...body })
      .expect(201);
    return res.body.id as string;
  };
  const approve = async (id: string) => (await h.as('reg2')).post(`/v1/numbers/${id}/approve`).send({}).expect(200);

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await h.token('reg2');
    const root = await h.as(ROOT.username);
    for (const code of ['VIETTEL', 'VINAPHONE', 'MOBIFONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
    const carriers = (await root.get('/v1/carriers').expect(200)).body as Array<{ id: string; code: string }>;
    for (const c of carriers) keys[c.code] = (await root.post(`/v1/carriers/${c.id}/api-keys`).expect(201)).body.key;
    mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');

    proxy = await TcpProxy.forDatabase(process.env.DATABASE_URL!);
    lookup = await lookupAppWith({ DATABASE_URL: viaProxy(process.env.DATABASE_URL!, proxy) });
  });

  afterAll(async () => {
    proxy?.restore();
    await lookup?.close();
    await proxy?.close();
    await h?.stop();
  });

  it('keeps answering from its index while the database is cut, and catches up by itself', async () => {
    const first = await register({ number: '024 3943 7142' });
    await approve(first);
    await within(EVENTUALLY_MS, async () => expect((await get(lookup, '/v1/lookup/02439437142').expect(200)).body.verdict).toBe('brand'));
    expect(proxy.connections).toBeGreaterThan(0); // the lookup really talks through the proxy
    const second = await register({ number: '0912 345 678', allowedOrigins: ['VIETTEL'] });

    /** 150 lookups in parallel batches of 50: the branded number, an unregistered one and the second, not yet approved. */
    const fire = async () => {
      const failures: string[] = [];
      for (let batch = 0; batch < 3; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const kind = i % 3;
            const path =
              kind === 0 ? '/v1/lookup/02439437142?origin=VIETTEL' : kind === 1 ? '/v1/lookup/0987654321' : '/v1/lookup/+84912345678';
            const res = await get(lookup, path);
            return { kind, res };
          }),
        );
        for (const { kind, res } of answers) {
          if (res.status !== 200) {
            failures.push(`${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          const expected =
            kind === 0
              ? {
                  verdict: 'brand',
                  status: 'active',
                  originAllowed: true,
                  organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
                }
              : kind === 1
                ? { verdict: 'none', status: 'unregistered', display: null }
                : { number: '+84912345678', verdict: 'none', status: 'unregistered' };
          try {
            expect(res.body).toMatchObject(expected);
          } catch {
            failures.push(`kind ${kind}: ${JSON.stringify(res.body)}`);
          }
        }
      }
      return failures;
    };

    const versionBeforeCut = (await request(lookup.getHttpServer()).get('/health/ready').expect(200)).body.info.index.registryVersion;
    proxy.cut();
    const cutAt = Date.now();
    expect(await fire()).toEqual([]);

    const noticed = await within(
      10_000,
      async () => {
        const ready = await request(lookup.getHttpServer()).get('/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({ status: 'degraded', info: { database: { status: 'down' }, index: { status: 'up' } } });
      },
      100,
    );

    // The registry reaches the database directly: it keeps working while the lookup is cut off.
    await approve(second);
    // Stay cut past pg's 5 s connection timeout, so the follower's retries pile up while lookups go on.
    while (Date.now() - cutAt < 6000) await new Promise((r) => setTimeout(r, 100));
    expect(await fire()).toEqual([]);
    const ready = (await request(lookup.getHttpServer()).get('/health/ready').expect(200)).body;
    expect(ready.info.index.registryVersion).toBe(versionBeforeCut);
    expect(ready).toMatchObject({ status: 'degraded', info: { database: { status: 'down' } } }); // still, after 6 s
    expect(ready.info.database.stalenessSeconds).toBeGreaterThan(5);
    const cutFor = Date.now() - cutAt;

    proxy.restore();
    const caughtUp = await within(15_000, async () => {
      expect((await get(lookup, '/v1/lookup/0912345678?origin=VIETTEL').expect(200)).body).toMatchObject({
        verdict: 'brand',
        status: 'active',
      });
    });
    const readyAgain = await within(15_000, async () => {
      const res = await request(lookup.getHttpServer()).get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });
    const after = (await request(lookup.getHttpServer()).get('/health/ready').expect(200)).body;
    expect(after.info.index.registryVersion).toBe(await registryVersion());
    expect((await get(lookup, '/v1/lookup/0912345678?origin=MOBIFONE').expect(200)).body.verdict).toBe('block');
    console.log(
      `database cut: outage noticed after ${noticed} ms, cut for ${cutFor} ms with 300 lookups all answered; ` +
        `after restore the second number was branded in ${caughtUp} ms and readiness was ok in ${readyAgain} ms`,
    );
  }, 120_000);

  it('stops branding a number once its validTo passes, and the registry then publishes its removal', async () => {
    const validTo = new Date(Date.now() + 3000).toISOString();
    const id = await register({ number: '0903 123 456', validTo });
    await approve(id);
    await within(EVENTUALLY_MS, async () =>
      expect((await get(lookup, '/v1/lookup/0903123456').expect(200)).body).toMatchObject({ verdict: 'brand', status: 'active' }),
    );
    const expiredAfter = await within(
      EVENTUALLY_MS,
      async () =>
        expect((await get(lookup, '/v1/lookup/0903123456').expect(200)).body).toMatchObject({
          verdict: 'none',
          status: 'unregistered',
          display: null,
        }),
      50,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(validTo));
    // The lookup applies time itself; the registry's timed publisher also removes it, for carriers' copies.
    await within(EVENTUALLY_MS, async () => {
      const [removal] = await h.ds.query(`SELECT op FROM registry_changes WHERE e164 = '+84903123456' ORDER BY version DESC LIMIT 1`);
      expect(removal?.op).toBe('remove');
    });
    const snap = await get(lookup, '/v1/sync/snapshot').expect(200);
    expect(snap.text).not.toContain('+84903123456');
    console.log(`expired number turned unregistered ${expiredAfter} ms after it was last seen branded`);
  }, 60_000);

  it('rate-limits per carrier, with 429 RATE_LIMITED and Retry-After', async () => {
    const limited = await lookupAppWith({ LOOKUP_RATE_LIMIT_RPS: '5' });
    try {
      // Start early in a second so the burst falls into one window.
      while (Date.now() % 1000 > 200) await new Promise((r) => setTimeout(r, 10));
      const burst = await Promise.all(Array.from({ length: 20 }, () => get(limited, '/v1/lookup/02439437142')));
      const other = await get(limited, '/v1/lookup/02439437142', keys.MOBIFONE);
      const ok = burst.filter((r) => r.status === 200);
      const refused = burst.filter((r) => r.status === 429);
      expect(ok.length + refused.length).toBe(20);
      expect(ok.length).toBeGreaterThanOrEqual(5);
      expect(ok.length).toBeLessThanOrEqual(10); // 5 per second, even if the burst straddled two seconds
      expect(refused.length).toBeGreaterThanOrEqual(10);
      for (const r of refused) {
        expect(r.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
        expect(r.headers['retry-after']).toBe('1');
      }
      expect(other.status).toBe(200);
      expect(other.body.verdict).toBe('brand');
      // A later second serves the carrier again.
      await within(EVENTUALLY_MS, async () => void (await get(limited, '/v1/lookup/02439437142').expect(200)), 100);
    } finally {
      await limited.close();
    }
  });

  it('counts a batch of n as n lookups against the rate limit', async () => {
    const limited = await lookupAppWith({ LOOKUP_RATE_LIMIT_RPS: '10' });
    try {
      const batch = (n: number) =>
        request(limited.getHttpServer())
          .post('/v1/lookup/batch')
          .set('X-Api-Key', keys.VIETTEL)
          .send({ numbers: Array(n).fill('02439437142') });
      // One request of 11 numbers is over a limit of 10 in any window.
      const over = await batch(11);
      expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      await within(EVENTUALLY_MS, async () => void (await batch(10).expect(200)), 100); // 10 fit in a fresh second
    } finally {
      await limited.close();
    }
  });

  it('limits snapshots per carrier per minute, with 429 RATE_LIMITED and Retry-After, other carriers unaffected', async () => {
    const limited = await lookupAppWith({ LOOKUP_SNAPSHOTS_PER_MIN: '2' });
    try {
      // Start early in a minute, so the three fall in one window.
      if (Date.now() % 60_000 > 50_000) await within(EVENTUALLY_MS, async () => expect(Date.now() % 60_000).toBeLessThan(50_000), 200);
      await get(limited, '/v1/sync/snapshot').expect(200);
      await get(limited, '/v1/sync/snapshot').expect(200);
      const refused = await get(limited, '/v1/sync/snapshot').expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      await get(limited, '/v1/sync/snapshot', keys.MOBIFONE).expect(200);
      await get(limited, '/v1/sync/changes?since=0').expect(200); // changes are not snapshots
    } finally {
      await limited.close();
    }
  });
});
