import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

type Api = Awaited<ReturnType<RegistryHarness['as']>>;
interface Poll {
  at: number;
  verdict: string;
  label: string | null;
  organization: string | null;
}

/**
 * The 2025 story: MIC (BO TTTT / Bộ TT&TT) with three numbers and a sub-unit is merged into MOST (BO KHCN /
 * Bộ KH&CN) at a set time, approved by a second regulator; a carrier polling a number every 20 ms sees the old
 * name until the switch and the new one after it, never none. Then a transfer MOST → MPS keeps a suspended number
 * suspended, and a restart between approval and the effective time still runs a merge exactly once.
 */
describe('reorganizations', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let root: Api;
  let reg2: Api;
  let key: string;
  const org = {} as Record<'mic' | 'micUnit' | 'most' | 'mps', string>;
  const brand = {} as Record<'mic' | 'most' | 'mps', string>;
  const numbers = ['024 3943 7142', '024 3822 6410', '1800 1234'];
  const e164 = ['+842439437142', '+842438226410', '+8418001234'];
  const numberIds: string[] = [];

  const lookupOf = async (n: string): Promise<Poll> => {
    const res = await request(lookup.getHttpServer())
      .get(`/v1/lookup/${encodeURIComponent(n)}`)
      .set('X-Api-Key', key)
      .expect(200);
    return {
      at: Date.now(),
      verdict: res.body.verdict,
      label: res.body.display?.label ?? null,
      organization: res.body.organization?.code ?? null,
    };
  };
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const waitForStatus = (api: Api, id: string, status: string) =>
    within(EVENTUALLY_MS, async () => expect((await api.get(`/v1/reorganizations/${id}`).expect(200)).body.status).toBe(status));

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    root = await h.as(ROOT.username);
    reg2 = await h.as('reg2');
    await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    const [viettel] = (await root.get('/v1/carriers').expect(200)).body;
    key = (await root.post(`/v1/carriers/${viettel.id}/api-keys`).expect(201)).body.key;

    org.mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand.mic = await h.activeBrandname(org.mic, 'BO TTTT', 'Bộ TT&TT');
    const unit = await root
      .post('/v1/organizations')
      .send({ code: 'MIC_AIS', name: 'Cục An toàn thông tin', kind: 'ministry', parentId: org.mic })
      .expect(201);
    await reg2.post(`/v1/organizations/${unit.body.id}/approve`).send({}).expect(200);
    org.micUnit = unit.body.id;
    org.most = await h.activeOrganization('MOST', 'Bộ Khoa học và Công nghệ');
    brand.most = await h.activeBrandname(org.most, 'BO KHCN', 'Bộ KH&CN');
    org.mps = await h.activeOrganization('MPS', 'Bộ Công an');
    brand.mps = await h.activeBrandname(org.mps, 'BO CONG AN', 'Bộ Công an');
    for (const n of numbers) {
      const created = await root.post(`/v1/organizations/${org.mic}/numbers`).send({ number: n, brandnameId: brand.mic }).expect(201);
      await reg2.post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
      numberIds.push(created.body.id);
    }
    lookup = await withEnv({ LOOKUP_RATE_LIMIT_RPS: '0' }, () => createLookupApp());
    await within(EVENTUALLY_MS, async () => expect((await lookupOf(numbers[0])).label).toBe('BO TTTT'));
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  }, 60_000);

  it('refuses targets that are not active, not the target’s own brandname, or inside the source; agency admins cannot propose', async () => {
    const pending = (await root.post('/v1/organizations').send({ code: 'NEWBODY', name: 'Cơ quan mới', kind: 'other' }).expect(201)).body
      .id;
    const base = { kind: 'merge', fromOrganizationId: org.mic, effectiveAt: inSeconds(3600), reason: 'Kiểm thử' };
    const refused = async (body: object, status: number, code: string) => {
      const res = await root
        .post('/v1/reorganizations')
        .send({ ...base, ...body })
        .expect(status);
      expect(res.body).toMatchObject({ statusCode: status, code });
    };
    await refused({ toOrganizationId: pending, toBrandnameId: brand.most }, 409, 'TARGET_NOT_ACTIVE');
    await refused({ toOrganizationId: org.most, toBrandnameId: brand.mps }, 409, 'TARGET_NOT_ALLOWED');
    await refused({ toOrganizationId: org.micUnit, toBrandnameId: brand.mic }, 409, 'TARGET_NOT_ALLOWED');
    await refused({ toOrganizationId: org.mic, toBrandnameId: brand.mic }, 409, 'TARGET_NOT_ALLOWED');
    await refused({ toOrganizationId: org.most, toBrandnameId: brand.most, effectiveAt: '2025-03-01' }, 400, 'VALIDATION_FAILED');
    await refused({ toOrganizationId: org.most, toBrandnameId: brand.most, numberIds: [numberIds[0]] }, 400, 'VALIDATION_FAILED');
    await refused({ kind: 'transfer', toOrganizationId: org.most, toBrandnameId: brand.most, numberIds: [org.mps] }, 404, 'NOT_FOUND');
    await refused({ kind: 'split', toOrganizationId: org.most, toBrandnameId: brand.most }, 400, 'VALIDATION_FAILED');

    await h.createUser('mic.admin', 'agency_admin', org.mic);
    const admin = await h.as('mic.admin');
    await admin
      .post('/v1/reorganizations')
      .send({ ...base, toOrganizationId: org.most, toBrandnameId: brand.most })
      .expect(403);
    // Nothing above was stored.
    expect((await root.get('/v1/reorganizations').expect(200)).body).toEqual([]);
  }, 60_000);

  it('one open merge per source; a cancelled one can be proposed again; cancel is final', async () => {
    const body = { kind: 'merge', fromOrganizationId: org.mic, toOrganizationId: org.most, toBrandnameId: brand.most, reason: 'Thử' };
    const first = await root
      .post('/v1/reorganizations')
      .send({ ...body, effectiveAt: inSeconds(3600) })
      .expect(201);
    expect(first.body).toMatchObject({ status: 'pending', kind: 'merge', createdBy: expect.any(String) });
    const again = await reg2
      .post('/v1/reorganizations')
      .send({ ...body, effectiveAt: inSeconds(7200) })
      .expect(409);
    expect(again.body.code).toBe('REORGANIZATION_OVERLAP');
    await reg2.post(`/v1/reorganizations/${first.body.id}/approve`).send({}).expect(200);
    const cancelled = await reg2.delete(`/v1/reorganizations/${first.body.id}`).send({ reason: 'Đổi lịch' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await root.delete(`/v1/reorganizations/${first.body.id}`).send({}).expect(409)).body.code).toBe('INVALID_TRANSITION');
    expect((await reg2.post(`/v1/reorganizations/${first.body.id}/approve`).send({}).expect(409)).body.code).toBe('INVALID_TRANSITION');
  }, 60_000);

  it('merges MIC into MOST at effectiveAt: the old name until the switch, the new one after, never none', async () => {
    const before = await registryVersion();
    const effectiveAt = inSeconds(4);
    const proposed = await root
      .post('/v1/reorganizations')
      .send({
        kind: 'merge',
        fromOrganizationId: org.mic,
        toOrganizationId: org.most,
        toBrandnameId: brand.most,
        effectiveAt,
        reason: 'Nghị định 55/2025/NĐ-CP: hợp nhất Bộ TT&TT vào Bộ KH&CN',
      })
      .expect(201);
    const id = proposed.body.id;
    expect((await root.post(`/v1/reorganizations/${id}/approve`).send({}).expect(403)).body.code).toBe('FOUR_EYES_REQUIRED');
    expect((await reg2.post(`/v1/reorganizations/${id}/approve`).send({}).expect(200)).body.status).toBe('scheduled');

    // Poll one number every 20 ms from before the effective time until a second after the switch was seen.
    const polls: Poll[] = [];
    const switchAt = Date.parse(effectiveAt);
    for (let seenNewAt = 0; !seenNewAt || Date.now() - seenNewAt < 1000;) {
      const p = await lookupOf(numbers[0]);
      polls.push(p);
      if (!seenNewAt && p.label === 'BO KHCN') seenNewAt = p.at;
      if (Date.now() - switchAt > EVENTUALLY_MS) throw new Error('the merge never showed');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(polls.filter((p) => p.verdict !== 'brand')).toEqual([]);
    const firstNew = polls.findIndex((p) => p.label === 'BO KHCN');
    expect(firstNew).toBeGreaterThan(0); // the old name answered before it
    expect(polls.slice(0, firstNew).every((p) => p.label === 'BO TTTT' && p.organization === 'MIC')).toBe(true);
    expect(polls.slice(firstNew).every((p) => p.label === 'BO KHCN' && p.organization === 'MOST')).toBe(true);
    expect(polls[firstNew - 1].at).toBeLessThanOrEqual(switchAt + 1000);
    expect(polls[firstNew].at).toBeGreaterThanOrEqual(switchAt);
    expect(polls[firstNew].at - switchAt).toBeLessThanOrEqual(1000);

    const done = (await root.get(`/v1/reorganizations/${id}`).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', movedNumbers: 3, approvedBy: expect.any(String) });
    expect((await root.get(`/v1/organizations/${org.mic}`).expect(200)).body).toMatchObject({ status: 'merged', successorId: org.most });
    expect((await root.get(`/v1/organizations/${org.micUnit}`).expect(200)).body.parentId).toBe(org.most);
    for (const n of numberIds) {
      expect((await root.get(`/v1/numbers/${n}`).expect(200)).body).toMatchObject({
        organizationId: org.most,
        brandnameId: brand.most,
        status: 'active',
      });
    }
    for (const n of numbers) expect(await lookupOf(n)).toMatchObject({ verdict: 'brand', label: 'BO KHCN', organization: 'MOST' });

    // One change-feed version per moved number, each with the hint that it moved from MIC.
    const page = (await request(lookup.getHttpServer()).get(`/v1/sync/changes?since=${before}`).set('X-Api-Key', key).expect(200)).body;
    const moved = page.changes.filter((c: { reorganization?: unknown }) => c.reorganization);
    expect(moved.map((c: { number: string }) => c.number).sort()).toEqual([...e164].sort());
    expect(new Set(moved.map((c: { version: number }) => c.version)).size).toBe(3);
    for (const c of moved) {
      expect(c).toMatchObject({ op: 'upsert', reorganization: { id, kind: 'merge', movedFrom: { organizationCode: 'MIC' } } });
      expect(c.entry.display.label).toBe('BO KHCN');
    }

    // Each moved number's audit event names the reorganization; the chain still verifies.
    const events = (await root.get('/v1/audit-events?limit=100').expect(200)).body.items;
    const reorganized = events.filter((e: { action: string }) => e.action === 'number.reorganize');
    expect(reorganized.map((e: { entityId: string }) => e.entityId).sort()).toEqual([...numberIds].sort());
    for (const e of reorganized) expect(e.after.reorganizationId).toBe(id);
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['organization.merge', 'organization.reparent']),
    );
    expect((await root.get('/v1/audit-events/verify').expect(200)).body.valid).toBe(true);

    // Merged is final: nothing new registers under it, nothing revives it.
    expect((await reg2.post(`/v1/organizations/${org.mic}/reinstate`).send({ reason: 'x' }).expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    await root.post(`/v1/organizations/${org.mic}/numbers`).send({ number: '024 3555 0000', brandnameId: brand.mic }).expect(409);
    await root.post(`/v1/organizations/${org.mic}/brandnames`).send({ label: 'BO TTTT2', displayName: 'Bộ TT&TT 2' }).expect(409);
  }, 60_000);

  it('transfers two numbers MOST → MPS at once when effectiveAt is past; the suspended one stays suspended', async () => {
    await root.post(`/v1/numbers/${numberIds[1]}/suspend`).send({ reason: 'Nghi giả mạo' }).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await lookupOf(numbers[1])).verdict).toBe('none'));
    const proposed = await reg2
      .post('/v1/reorganizations')
      .send({
        kind: 'transfer',
        fromOrganizationId: org.most,
        toOrganizationId: org.mps,
        toBrandnameId: brand.mps,
        numberIds: [numberIds[1], numberIds[2]],
        effectiveAt: new Date(Date.now() - 60_000).toISOString(),
        reason: 'Chức năng an toàn thông tin chuyển sang Bộ Công an',
      })
      .expect(201);
    const approved = await root.post(`/v1/reorganizations/${proposed.body.id}/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'completed', movedNumbers: 2 });

    expect((await root.get(`/v1/numbers/${numberIds[1]}`).expect(200)).body).toMatchObject({
      organizationId: org.mps,
      status: 'suspended',
    });
    expect((await root.get(`/v1/numbers/${numberIds[2]}`).expect(200)).body).toMatchObject({ organizationId: org.mps, status: 'active' });
    expect((await root.get(`/v1/numbers/${numberIds[0]}`).expect(200)).body.organizationId).toBe(org.most);
    expect((await root.get(`/v1/organizations/${org.most}`).expect(200)).body.status).toBe('active');
    await within(EVENTUALLY_MS, async () => {
      expect(await lookupOf(numbers[2])).toMatchObject({ verdict: 'brand', label: 'BO CONG AN', organization: 'MPS' });
      expect((await lookupOf(numbers[1])).verdict).toBe('none');
    });
    // The suspender may ask for the lifting, but only its peer may approve it; then it brands with its new owner's name.
    const requested = await root.post(`/v1/numbers/${numberIds[1]}/reinstate`).send({ reason: 'Đã xác minh' }).expect(200);
    expect(requested.body).toMatchObject({ status: 'suspended', pendingReinstate: { kind: 'reinstate', reason: 'Đã xác minh' } });
    expect((await root.post(`/v1/numbers/${numberIds[1]}/reinstate/approve`).send({}).expect(403)).body.code).toBe('FOUR_EYES_REQUIRED');
    expect((await lookupOf(numbers[1])).verdict).toBe('none');
    const lifted = await reg2.post(`/v1/numbers/${numberIds[1]}/reinstate/approve`).send({}).expect(200);
    expect(lifted.body).toMatchObject({ status: 'active', organizationId: org.mps, pendingReinstate: null });
    await within(EVENTUALLY_MS, async () => expect(await lookupOf(numbers[1])).toMatchObject({ verdict: 'brand', label: 'BO CONG AN' }));
  }, 60_000);

  it('a due reorganization whose target stopped being active fails and moves nothing', async () => {
    const x = await h.activeOrganization('MOC', 'Bộ Văn hóa, Thể thao và Du lịch');
    const xBrand = await h.activeBrandname(x, 'BO VHTTDL', 'Bộ VHTTDL');
    const proposed = await root
      .post('/v1/reorganizations')
      .send({
        kind: 'transfer',
        fromOrganizationId: org.most,
        toOrganizationId: x,
        toBrandnameId: xBrand,
        numberIds: [numberIds[0]],
        effectiveAt: inSeconds(3),
        reason: 'Báo chí',
      })
      .expect(201);
    await reg2.post(`/v1/reorganizations/${proposed.body.id}/approve`).send({}).expect(200);
    await root.post(`/v1/brandnames/${xBrand}/suspend`).send({ reason: 'Tạm dừng' }).expect(200);
    await waitForStatus(root, proposed.body.id, 'failed');
    expect((await root.get(`/v1/reorganizations/${proposed.body.id}`).expect(200)).body.failureCode).toBe('TARGET_NOT_ACTIVE');
    expect((await root.get(`/v1/numbers/${numberIds[0]}`).expect(200)).body.organizationId).toBe(org.most);
    expect(await lookupOf(numbers[0])).toMatchObject({ verdict: 'brand', label: 'BO KHCN' });
  }, 60_000);

  it('a restart between approval and effectiveAt still runs it, once, with two registry instances after', async () => {
    const a = await h.activeOrganization('PROV_A', 'Sở Thông tin và Truyền thông tỉnh A', 'other');
    const aBrand = await h.activeBrandname(a, 'STTTT A', 'Sở TTTT tỉnh A');
    const b = await h.activeOrganization('PROV_B', 'Sở Khoa học và Công nghệ tỉnh B', 'other');
    const bBrand = await h.activeBrandname(b, 'SKHCN B', 'Sở KH&CN tỉnh B');
    const provNumbers = ['0203 3822 001', '0203 3822 002'];
    for (const n of provNumbers) {
      const created = await root.post(`/v1/organizations/${a}/numbers`).send({ number: n, brandnameId: aBrand }).expect(201);
      await reg2.post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
    }
    const proposed = await root
      .post('/v1/reorganizations')
      .send({
        kind: 'merge',
        fromOrganizationId: a,
        toOrganizationId: b,
        toBrandnameId: bBrand,
        effectiveAt: inSeconds(6),
        reason: 'Sáp nhập tỉnh 2025',
      })
      .expect(201);
    await reg2.post(`/v1/reorganizations/${proposed.body.id}/approve`).send({}).expect(200);

    // The registry goes away before the effective time and comes back as two instances.
    await h.app.close();
    const instances: INestApplication[] = [await createRegistryApp(), await createRegistryApp()];
    h.app = instances[0];
    h.forgetTokens();
    try {
      await waitForStatus(await h.as(ROOT.username), proposed.body.id, 'completed');
      const completes = await h.ds.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'reorganization.complete' AND entity_id = $1`,
        [proposed.body.id],
      );
      expect(completes[0].n).toBe(1);
      const changes = await h.ds.query(`SELECT e164 FROM registry_changes WHERE reorganization->>'id' = $1`, [proposed.body.id]);
      expect(changes.map((c: { e164: string }) => c.e164).sort()).toEqual(['+842033822001', '+842033822002']);
      await within(EVENTUALLY_MS, async () => expect(await lookupOf(provNumbers[0])).toMatchObject({ verdict: 'brand', label: 'SKHCN B' }));
    } finally {
      await instances[1].close();
    }
  }, 60_000);
});
