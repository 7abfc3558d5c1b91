import { createHash } from 'node:crypto';
import { get } from 'node:http';
import { DataSource } from 'typeorm';
import { resetDatabase, testDataSource } from '../support/database';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { freePort, ServiceProcess } from '../support/service-process';
import { within } from '../support/wait';

/** LOOKUP_WORKERS=2: two processes on one port, each with its own index; the primary's /metrics sums them. */
describe('lookup workers', () => {
  let h: RegistryHarness;
  let ds: DataSource;
  let lookup: ServiceProcess;
  let url: string;
  const apiKey = 'vbr_test_workers_key_0123456789abcdefghijklmnopqr';

  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    const brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    const root = await h.as(ROOT.username);
    for (const number of ['024 3943 7142', '0912 345 678']) {
      const n = await root.post(`/v1/organizations/${mic}/numbers`).send({ brandnameId: brand, number }).expect(201);
      await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    }
    const [carrier] = await ds.query(`INSERT INTO carriers (code, name) VALUES ('VIETTEL', 'Viettel') RETURNING id`);
    await ds.query(`INSERT INTO carrier_api_keys (carrier_id, prefix, key_hash) VALUES ($1, 'vbr_test', $2)`, [
      carrier.id,
      createHash('sha256').update(apiKey).digest('hex'),
    ]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    lookup = ServiceProcess.start('lookup', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      JWT_SECRET: 'x'.repeat(40),
      DB_MIGRATIONS_RUN: 'false',
      LOOKUP_PORT: String(port),
      LOOKUP_WORKERS: '2',
    });
    await lookup.ready(`${url}/health/ready`);
    // Both workers listening (each logs it once its index is loaded).
    await within(30_000, async () => expect(lookup.output.filter((l) => l.includes('Lookup API listening')).length).toBe(2), 100);
  }, 60_000);
  afterAll(async () => {
    await lookup?.stop('SIGKILL');
    await h?.stop();
    await ds?.destroy();
  });

  /** One lookup on a new connection: the cluster hands connections to the workers in turn. */
  const lookupOnce = () =>
    new Promise<number>((resolve, reject) => {
      get(`${url}/v1/lookup/0912345678`, { agent: false, headers: { 'x-api-key': apiKey } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
  const scrape = async () => (await fetch(await lookup.metricsUrl())).text();
  const sum = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((s, m) => s + Number(m[1]), 0);

  it("answers on one port, and counts every worker's requests in the primary's /metrics (none on the public port)", async () => {
    for (let i = 0; i < 20; i++) expect(await lookupOnce()).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    for (let i = 0; i < 4; i++) {
      const text = await scrape();
      expect(sum(text, /http_request_duration_seconds_count\{route="\/v1\/lookup\/:number",status="200"\} (\d+)/g)).toBe(20);
      expect(sum(text, /lookup_answers_total\{carrier="VIETTEL",verdict="brand"\} (\d+)/g)).toBe(20);
      // Each worker holds the whole index: the gauge is not summed.
      expect(text).toMatch(/^lookup_index_numbers 2$/m);
    }
    expect(((await (await fetch(`${url}/health/ready`)).json()) as { status: string }).status).toBe('ok');
  });

  it('stops every worker on SIGTERM', async () => {
    expect((await lookup.stop('SIGTERM')).code).toBe(0);
  });
});
