import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import {
  PILOT_CARRIERS,
  PILOT_DEMO_LOOKUPS,
  PILOT_NUMBERS,
  PilotSeedResult,
  registryApiBase,
  SeedError,
  seedPilot,
} from '../../apps/registry/src/demo/pilot-seed';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { within } from '../support/wait';

/** The demo's seed (npm run demo), through the registry's HTTP API on a real port, checked from the lookup. */
describe('demo pilot seed', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let registryUrl: string;
  let seed: PilotSeedResult;

  const lookupGet = (path: string, key = seed.carrierKeys.VIETTEL) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.app.listen(0, '127.0.0.1');
    const { port } = h.app.getHttpServer().address() as AddressInfo;
    registryUrl = `http://127.0.0.1:${port}/v1`;
    // Started before the seed, as in the demo: it must pick the data up from the change feed.
    lookup = await createLookupApp();
    seed = await seedPilot(registryUrl, ROOT, { approver: { username: 'regulator2', password: 'regulator2-password-123' } });
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('gives the three demo verdicts: brand, none, block', async () => {
    await within(10_000, async () => {
      expect((await lookupGet(`/v1/lookup/${PILOT_NUMBERS.hotline.e164.slice(1)}`).expect(200)).body.verdict).toBe('block');
    });
    expect(PILOT_DEMO_LOOKUPS.map((d) => d.verdict)).toEqual(['brand', 'none', 'block']);
    for (const demo of PILOT_DEMO_LOOKUPS) {
      const res = await lookupGet(demo.path).expect(200);
      expect({ path: demo.path, verdict: res.body.verdict }).toEqual({ path: demo.path, verdict: demo.verdict });
    }
    expect((await lookupGet(PILOT_DEMO_LOOKUPS[0].path).expect(200)).body).toMatchObject({
      number: '+842439437142',
      status: 'active',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT' },
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
    });
  });

  it('publishes the restricted line and the inbound-only hotline as seeded', async () => {
    const restricted = `/v1/lookup/${encodeURIComponent(PILOT_NUMBERS.restricted.number)}`;
    expect((await lookupGet(`${restricted}?origin=VINAPHONE`).expect(200)).body).toMatchObject({ verdict: 'brand', originAllowed: true });
    expect((await lookupGet(`${restricted}?origin=ITEL`).expect(200)).body).toMatchObject({ verdict: 'block', originAllowed: false });
    expect((await lookupGet('/v1/lookup/18001234').expect(200)).body).toMatchObject({ verdict: 'block', status: 'inbound_only' });
  });

  it('leaves BCA and its brandname pending, invisible to carriers', async () => {
    const root = await h.as(ROOT.username);
    const bca = await root.get(`/v1/organizations/${seed.organizations.bca}`).expect(200);
    expect(bca.body).toMatchObject({ code: 'BCA', name: 'Bộ Công an', kind: 'ministry', status: 'pending' });
    const brand = await root.get(`/v1/brandnames/${seed.brandnames.bca}`).expect(200);
    expect(brand.body).toMatchObject({ label: 'BO CONG AN', displayName: 'Bộ Công an', status: 'pending' });
    const mic = await root.get(`/v1/organizations/${seed.organizations.mic}`).expect(200);
    expect(mic.body).toMatchObject({ code: 'MIC', status: 'active' });
    const numbers = await root.get(`/v1/organizations/${seed.organizations.mic}/numbers?status=active`).expect(200);
    expect(numbers.body.items.map((n: { number: string }) => n.number).sort()).toEqual(
      Object.values(PILOT_NUMBERS)
        .map((n) => n.e164)
        .sort(),
    );
    const published = await h.ds.query(`SELECT entry->'organization'->>'code' AS code FROM published_numbers`);
    expect(published.map((r: { code: string }) => r.code)).toEqual(['MIC', 'MIC', 'MIC']);
  });

  it('registers the 7 carriers, each with one live key that the lookup accepts', async () => {
    const carriers = await (await h.as(ROOT.username)).get('/v1/carriers').expect(200);
    expect(carriers.body.map((c: { code: string }) => c.code).sort()).toEqual(PILOT_CARRIERS.map((c) => c.code).sort());
    for (const c of carriers.body as Array<{ code: string; status: string; apiKeys: Array<{ revokedAt: string | null }> }>) {
      expect({ code: c.code, status: c.status, live: c.apiKeys.filter((k) => k.revokedAt === null).length }).toEqual({
        code: c.code,
        status: 'active',
        live: 1,
      });
    }
    expect(Object.keys(seed.carrierKeys).sort()).toEqual(PILOT_CARRIERS.map((c) => c.code).sort());
    await within(10_000, async () => {
      for (const [code, key] of Object.entries(seed.carrierKeys)) {
        expect({ code, status: (await lookupGet(PILOT_DEMO_LOOKUPS[0].path, key)).status }).toEqual({ code, status: 200 });
      }
    });
  });

  it('had everything approved by the second regulator (four eyes)', async () => {
    const events = await (await h.as('regulator2')).get('/v1/audit-events?limit=500').expect(200);
    const approvals = events.body.items.filter((e: { action: string }) => e.action.endsWith('.approve'));
    expect(approvals).toHaveLength(5); // MIC, BO TTTT, three numbers
    expect(new Set(approvals.map((e: { actorId: string }) => e.actorId))).toEqual(new Set([seed.regulators.approver.id]));
  });

  it('fails with the step named when the registry refuses a request', async () => {
    const again = seedPilot(registryUrl, ROOT, { approver: { username: 'regulator2', password: 'regulator2-password-123' } });
    await expect(again).rejects.toBeInstanceOf(SeedError);
    await expect(again).rejects.toMatchObject({ step: 'create the second regulator', status: 409, code: 'DUPLICATE_USERNAME' });
    await expect(seedPilot(registryUrl, { username: ROOT.username, password: 'wrong-password-123' })).rejects.toMatchObject({
      step: 'log in as root',
      status: 401,
    });
  });

  it('accepts the registry URL with or without /v1', () => {
    expect(registryApiBase('http://localhost:3000')).toBe('http://localhost:3000/v1');
    expect(registryApiBase('http://localhost:3000/v1/')).toBe('http://localhost:3000/v1');
  });
});
