import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

interface CarrierRollout {
  carrier: string;
  syncedVersion: number | null;
  upToDate: boolean;
  firstBrandedAt: string | null;
  lastBrandedAt: string | null;
  brandedLast24h: number;
  daily: Array<{ date: string; answers: number }>;
}

/**
 * Rollout status: the lookup instance counts branded answers per carrier and organization and reports them on a
 * timer (1 s here), carriers following the feed report where they are; the registry shows both per carrier.
 */
describe('rollout status per carrier', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  const keys = {} as Record<'VIETTEL' | 'VINAPHONE', string>;
  let org: string;
  let brand: string;

  const rollout = async (): Promise<Record<string, CarrierRollout>> => {
    const body = (await (await h.as(ROOT.username)).get(`/v1/organizations/${org}/rollout`).expect(200)).body;
    return Object.fromEntries(body.carriers.map((c: CarrierRollout) => [c.carrier, c]));
  };
  const look = (carrier: keyof typeof keys, n: string) =>
    request(lookup.getHttpServer())
      .get(`/v1/lookup/${encodeURIComponent(n)}`)
      .set('X-Api-Key', keys[carrier])
      .expect(200);

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');
    for (const [code, name] of [
      ['VIETTEL', 'Viettel'],
      ['VINAPHONE', 'VinaPhone'],
      ['MOBIFONE', 'MobiFone'],
    ]) {
      const carrier = await root.post('/v1/carriers').send({ code, name }).expect(201);
      if (code !== 'MOBIFONE')
        keys[code as keyof typeof keys] = (await root.post(`/v1/carriers/${carrier.body.id}/api-keys`).expect(201)).body.key;
    }
    org = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand = await h.activeBrandname(org, 'BO TTTT', 'Bộ TT&TT');
    for (const n of ['024 3943 7142', '024 3822 6410']) {
      const created = await root.post(`/v1/organizations/${org}/numbers`).send({ number: n, brandnameId: brand }).expect(201);
      await reg2.post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
    }
    lookup = await withEnv({ LOOKUP_ROLLOUT_REPORT_SECONDS: '1' }, () => createLookupApp());
    await within(EVENTUALLY_MS, async () => expect((await look('VIETTEL', '02439437142')).body.verdict).toBe('brand'));
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('shows the carriers that answered with the brand, with counts, and a carrier that never looked as not yet', async () => {
    const started = Date.now();
    // Viettel: the one lookup above, two more single and a batch with two branded and one unregistered number.
    await look('VIETTEL', '+842438226410');
    await look('VIETTEL', '02439437142');
    await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', keys.VIETTEL)
      .send({ numbers: ['02439437142', '02438226410', '0912000000'] })
      .expect(200);
    await look('VINAPHONE', '02439437142');
    await look('VINAPHONE', '0912000000'); // unregistered: not a branded answer

    await within(EVENTUALLY_MS, async () => {
      const r = await rollout();
      expect(r.VIETTEL.brandedLast24h).toBe(5);
      expect(r.VINAPHONE.brandedLast24h).toBe(1);
    });
    const r = await rollout();
    for (const c of [r.VIETTEL, r.VINAPHONE]) {
      expect(Date.parse(c.firstBrandedAt!)).toBeGreaterThan(started - 60_000);
      expect(Date.parse(c.lastBrandedAt!)).toBeGreaterThanOrEqual(Date.parse(c.firstBrandedAt!));
      expect(c.daily).toHaveLength(14);
      expect(c.daily[13].answers).toBe(c.brandedLast24h);
    }
    expect(r.MOBIFONE).toMatchObject({
      firstBrandedAt: null,
      lastBrandedAt: null,
      brandedLast24h: 0,
      syncedVersion: null,
      upToDate: false,
    });

    // Counted once: a later report (another Vinaphone lookup) does not add Viettel's again.
    await look('VINAPHONE', '02438226410');
    await within(EVENTUALLY_MS, async () => expect((await rollout()).VINAPHONE.brandedLast24h).toBe(2));
    expect((await rollout()).VIETTEL.brandedLast24h).toBe(5);
  }, 60_000);

  it('shows how far each carrier copy follows the feed, and when it falls behind a change of the organization', async () => {
    const current = Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
    await request(lookup.getHttpServer()).get(`/v1/sync/changes?since=${current}`).set('X-Api-Key', keys.VIETTEL).expect(200);
    await request(lookup.getHttpServer()).get('/v1/sync/changes?since=0').set('X-Api-Key', keys.VINAPHONE).expect(200);
    await within(EVENTUALLY_MS, async () => {
      const r = await rollout();
      expect(r.VIETTEL).toMatchObject({ syncedVersion: current, upToDate: true });
      expect(r.VINAPHONE).toMatchObject({ syncedVersion: 0, upToDate: false });
    });

    // A new number of the organization: Viettel's copy is behind until it asks again.
    const root = await h.as(ROOT.username);
    const created = await root.post(`/v1/organizations/${org}/numbers`).send({ number: '1800 1234', brandnameId: brand }).expect(201);
    await (await h.as('reg2')).post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
    expect((await rollout()).VIETTEL.upToDate).toBe(false);
    const now = Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
    await request(lookup.getHttpServer()).get(`/v1/sync/changes?since=${now}`).set('X-Api-Key', keys.VIETTEL).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await rollout()).VIETTEL).toMatchObject({ syncedVersion: now, upToDate: true }));
  }, 60_000);

  it('an agency admin sees its own organization’s rollout and not another’s', async () => {
    const other = await h.activeOrganization('MOF', 'Bộ Tài chính');
    await h.createUser('mic.admin', 'agency_admin', org);
    const admin = await h.as('mic.admin');
    expect((await admin.get(`/v1/organizations/${org}/rollout`).expect(200)).body.carriers).toHaveLength(3);
    expect((await admin.get(`/v1/organizations/${other}/rollout`).expect(403)).body.code).toBe('FORBIDDEN');
    await (await h.as(ROOT.username)).get('/v1/organizations/00000000-0000-4000-8000-000000000000/rollout').expect(404);
  });
});
