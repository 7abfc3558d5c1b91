import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';
import { APPLICANT_PASSWORD, applicationBody, carrier, carriersWithKeys, DECISION_PDF, invite } from './onboarding-support';

/**
 * The whole onboarding story on a real database: Bộ Công an is invited, applies with three numbers held by two
 * carriers, is asked for changes, resubmits; the carriers confirm or deny; a third regulator approves; the
 * confirmed numbers brand in the lookup, the denied one never does, a release removes the brand.
 */
describe('onboarding: invitation → application → carrier confirmations → approval', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let keys: Record<string, string>;

  const verdict = async (n: string) =>
    (
      await request(lookup.getHttpServer())
        .get(`/v1/lookup/${encodeURIComponent(n)}`)
        .set('X-Api-Key', keys.VIETTEL)
        .expect(200)
    ).body;

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await h.createUser('reg3', 'regulator');
    keys = await carriersWithKeys(h, ['VIETTEL', 'VINAPHONE']);
    lookup = await createLookupApp();
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('runs from invitation to branded calls, every step audited', async () => {
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');
    const reg3 = await h.as('reg3');
    const viettel = carrier(h, keys.VIETTEL);
    const vinaphone = carrier(h, keys.VINAPHONE);

    const invitation = await invite(h, 'BCA', 'Bộ Công an');
    expect(invitation.token).toMatch(/^inv_/);
    const listed = (await root.get('/v1/invitations').expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: invitation.id, status: 'open', organizationCode: 'BCA' })]);
    expect(JSON.stringify(listed)).not.toContain(invitation.token);

    // Apply: no account yet. Three numbers, two carriers; one of them mistyped as Viettel's.
    const applied = await h
      .http()
      .post('/v1/applications')
      .send(
        applicationBody(invitation.token, [
          { number: '024 3822 2593', holdingCarrier: 'VIETTEL' },
          { number: '024 3822 2594', holdingCarrier: 'VIETTEL' },
          { number: '024 3822 6602', holdingCarrier: 'VIETTEL' },
        ]),
      )
      .expect(201);
    const app = applied.body;
    expect(app).toMatchObject({ status: 'submitted', organization: { code: 'BCA', name: 'Bộ Công an', status: 'pending' } });
    expect(app.brandname).toMatchObject({ label: 'BO CONG AN', displayName: 'Bộ Công an', status: 'pending' });
    expect(app.numbers.map((n: { holding: { status: string } }) => n.holding.status)).toEqual(['pending', 'pending', 'pending']);
    expect(JSON.stringify(app)).not.toContain(APPLICANT_PASSWORD);
    expect((await root.get('/v1/invitations').expect(200)).body[0].status).toBe('used');

    // A regulator asks for changes: the decision letter is missing and a number is held by VinaPhone.
    await reg2.post(`/v1/applications/${app.id}/request-changes`).send({ reason: 'Thiếu quyết định; số 024 do VinaPhone cấp' }).expect(200);

    // The applicant signs in with the account the application created, fixes and resubmits.
    const admin = await h.as('bca.admin').catch(() => null);
    expect(admin).toBeNull(); // its password is not the harness default
    const token = (await h.http().post('/v1/auth/login').send({ username: 'bca.admin', password: APPLICANT_PASSWORD }).expect(200)).body
      .accessToken;
    const asAdmin = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
    const mine = (await asAdmin(h.http().get('/v1/applications')).expect(200)).body;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([app.id]);
    expect(mine[0]).toMatchObject({ status: 'changes_requested', statusReason: expect.stringContaining('Thiếu quyết định') });
    await asAdmin(h.http().post(`/v1/applications/${app.id}/documents`))
      .field('kind', 'decision')
      .attach('file', DECISION_PDF, { filename: 'quyet-dinh.pdf', contentType: 'application/pdf' })
      .expect(201);
    const edited = await asAdmin(h.http().patch(`/v1/applications/${app.id}`))
      .send({
        version: mine[0].version,
        numbers: [
          { number: '024 3822 2593', holdingCarrier: 'VIETTEL' },
          { number: '024 3822 2594', holdingCarrier: 'VIETTEL' },
          { number: '024 3822 6602', holdingCarrier: 'VINAPHONE' },
        ],
      })
      .expect(200);
    const byNumber = Object.fromEntries(edited.body.numbers.map((n: { number: string }) => [n.number, n]));
    expect(byNumber['+842438226602'].holding.carrier).toBe('VINAPHONE');
    await asAdmin(h.http().post(`/v1/applications/${app.id}/submit`)).expect(200);

    // Each carrier sees only the numbers it holds, and answers once.
    const viettelQueue = (await viettel.get('/v1/carrier/number-confirmations?status=pending').expect(200)).body;
    expect(viettelQueue.items.map((i: { number: string }) => i.number).sort()).toEqual(['+842438222593', '+842438222594']);
    expect(viettelQueue.items[0].organization).toEqual({ code: 'BCA', name: 'Bộ Công an' });
    const vinaQueue = (await vinaphone.get('/v1/carrier/number-confirmations').expect(200)).body;
    expect(vinaQueue.items.map((i: { number: string }) => i.number)).toEqual(['+842438226602']);
    const confirmed = byNumber['+842438222593'].id;
    const denied = byNumber['+842438222594'].id;
    const late = byNumber['+842438226602'].id;
    await viettel.post(`/v1/carrier/number-confirmations/${confirmed}`).send({ decision: 'confirm', reference: 'VT-2026-118' }).expect(200);
    await viettel
      .post(`/v1/carrier/number-confirmations/${denied}`)
      .send({ decision: 'deny', reason: 'Thuê bao không thuộc cơ quan' })
      .expect(200);
    expect((await viettel.post(`/v1/carrier/number-confirmations/${confirmed}`).send({ decision: 'deny' })).status).toBe(409);

    // The checklist, ticked by reg2; approval is barred to reg2 (ticked) and root (invited); reg3 approves.
    for (const item of ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers']) {
      await reg2.post(`/v1/applications/${app.id}/checklist`).send({ item, checked: true }).expect(200);
    }
    // The same verdicts are in the application as each regulator reads it.
    expect((await reg2.get(`/v1/applications/${app.id}`).expect(200)).body.fourEyes).toMatchObject({
      allowed: false,
      code: 'FOUR_EYES_REQUIRED',
    });
    expect((await root.get(`/v1/applications/${app.id}`).expect(200)).body.fourEyes).toMatchObject({
      allowed: false,
      code: 'FOUR_EYES_REQUIRED',
    });
    expect((await reg3.get(`/v1/applications/${app.id}`).expect(200)).body.fourEyes).toEqual({ allowed: true });
    expect((await reg2.post(`/v1/applications/${app.id}/approve`).send({})).body.code).toBe('FOUR_EYES_REQUIRED');
    expect((await root.post(`/v1/applications/${app.id}/approve`).send({})).body.code).toBe('FOUR_EYES_REQUIRED');
    const approved = (await reg3.post(`/v1/applications/${app.id}/approve`).send({}).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', organization: { status: 'active' }, brandname: { status: 'active' } });
    const status = Object.fromEntries(approved.numbers.map((n: { id: string; status: string }) => [n.id, n.status]));
    expect(status).toEqual({ [confirmed]: 'active', [denied]: 'rejected', [late]: 'pending' });

    await within(EVENTUALLY_MS, async () => expect((await verdict('024 3822 2593')).display?.label).toBe('BO CONG AN'));
    expect((await verdict('024 3822 2594')).verdict).toBe('none');
    expect((await verdict('024 3822 6602')).verdict).toBe('none');

    // VinaPhone confirms after the approval: the approval covered it, so it brands at once.
    const lateAnswer = await vinaphone.post(`/v1/carrier/number-confirmations/${late}`).send({ decision: 'confirm' }).expect(200);
    expect(lateAnswer.body).toMatchObject({ holdingStatus: 'confirmed', numberStatus: 'active' });
    await within(EVENTUALLY_MS, async () => expect((await verdict('024 3822 6602')).verdict).toBe('brand'));
    expect((await verdict('024 3822 2594')).verdict).toBe('none');
    // Truthful audit: it became active on VinaPhone's word, named as such (not as an approval by reg3).
    const lateEvents = (await root.get(`/v1/audit-events?entityId=${late}&limit=50`).expect(200)).body.items;
    const reg3Id = (await root.get('/v1/users').expect(200)).body.find((u: { username: string }) => u.username === 'reg3').id;
    expect(lateEvents.map((e: { action: string }) => e.action)).not.toContain('number.approve');
    const byCarrier = lateEvents.find((e: { action: string }) => e.action === 'number.holding_confirm');
    expect(byCarrier).toMatchObject({ actorRole: 'carrier', actorId: expect.any(String) });
    expect(lateEvents.find((e: { action: string }) => e.action === 'number.activate')).toMatchObject({
      actorId: byCarrier.actorId, // VinaPhone, as for its confirmation
      actorRole: 'carrier',
      after: { status: 'active', coveredBy: { applicationId: app.id, approvedBy: reg3Id, approvedAt: expect.any(String) } },
    });

    // Viettel releases its number (line terminated): the brand goes, the agency sees why, nobody can reinstate it.
    expect((await vinaphone.post(`/v1/carrier/number-releases/${confirmed}`).send({ reason: 'x' })).status).toBe(404);
    await viettel.post(`/v1/carrier/number-releases/${confirmed}`).send({ reason: 'Thuê bao đã chấm dứt hợp đồng' }).expect(200);
    await within(EVENTUALLY_MS, async () => expect((await verdict('024 3822 2593')).verdict).not.toBe('brand'));
    const seen = (await asAdmin(h.http().get(`/v1/numbers/${confirmed}`)).expect(200)).body;
    expect(seen).toMatchObject({ status: 'suspended', statusReason: expect.stringContaining('chấm dứt'), holding: { status: 'released' } });
    expect((await reg3.post(`/v1/numbers/${confirmed}/reinstate`).send({ reason: 'thử' })).status).toBe(409);

    // Every step is in the audit log, and the chain verifies.
    const actions = (await root.get('/v1/audit-events?limit=200').expect(200)).body.items.map((e: { action: string }) => e.action);
    for (const a of [
      'invitation.create',
      'application.create',
      'application.request_changes',
      'application.document_add',
      'application.update',
      'application.resubmit',
      'application.checklist',
      'number.holding_confirm',
      'number.holding_deny',
      'organization.approve',
      'brandname.approve',
      'number.approve',
      'application.approve',
      'number.activate',
      'number.holding_release',
    ]) {
      expect(actions).toContain(a);
    }
    const carrierEvents = (await root.get('/v1/audit-events?limit=200').expect(200)).body.items.filter(
      (e: { action: string }) => e.action === 'number.holding_deny',
    );
    expect(carrierEvents[0]).toMatchObject({ actorRole: 'carrier' });
    expect((await root.get('/v1/audit-events/verify').expect(200)).body).toMatchObject({ valid: true });

    // The decision letter comes back byte for byte to a regulator and to the applicant, not to an auditor.
    const docId = approved.documents[0].id;
    const back = await reg3.get(`/v1/applications/${app.id}/documents/${docId}`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(back.body as Buffer, DECISION_PDF)).toBe(0);
    expect(back.headers['content-type']).toBe('application/pdf');
    await asAdmin(h.http().get(`/v1/applications/${app.id}/documents/${docId}`)).expect(200);
    await h.createUser('auditor', 'auditor');
    expect((await (await h.as('auditor')).get(`/v1/applications/${app.id}/documents/${docId}`)).status).toBe(403);
  }, 120_000);

  it("a withdrawn number leaves its carrier's queue; a rejection rejects everything and disables the applicant", async () => {
    const inv = await invite(h, 'VKS', 'Viện Kiểm sát nhân dân tối cao', ROOT.username, 'procuracy');
    const body = applicationBody(inv.token, [
      { number: '024 3825 5058', holdingCarrier: 'VIETTEL' },
      { number: '024 3825 5059', holdingCarrier: 'VIETTEL' },
    ]);
    const app = (
      await h
        .http()
        .post('/v1/applications')
        .send({
          ...body,
          applicant: { ...body.applicant, username: 'vks.admin', password: 'vks.admin-password-123' },
          brandname: { label: 'VKSNDTC', displayName: 'Viện Kiểm sát' },
        })
        .expect(201)
    ).body;
    const reg2 = await h.as('reg2');
    await reg2.post(`/v1/applications/${app.id}/request-changes`).send({ reason: 'Bỏ số thứ hai' }).expect(200);
    const admin = await h.as('vks.admin');
    await admin
      .patch(`/v1/applications/${app.id}`)
      .send({ version: app.version + 1, numbers: [{ number: '024 3825 5058', holdingCarrier: 'VIETTEL' }] })
      .expect(200);
    const queue = (await carrier(h, keys.VIETTEL).get('/v1/carrier/number-confirmations').expect(200)).body.items;
    expect(queue.map((i: { number: string }) => i.number)).toEqual(['+842438255058']);
    await admin.post(`/v1/applications/${app.id}/submit`).expect(200);

    const rejected = (await reg2.post(`/v1/applications/${app.id}/reject`).send({ reason: 'Không đủ thẩm quyền' }).expect(200)).body;
    expect(rejected).toMatchObject({ status: 'rejected', organization: { status: 'rejected' }, brandname: { status: 'rejected' } });
    expect(rejected.numbers.map((n: { status: string }) => n.status)).toEqual(['rejected']);
    await h.http().post('/v1/auth/login').send({ username: 'vks.admin', password: 'vks.admin-password-123' }).expect(401);
  });

  it('keeps the pilot path: a regulator registers a number without a carrier, a second regulator approves it', async () => {
    const org = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    const brand = await h.activeBrandname(org, 'BO TTTT', 'Bộ TT&TT');
    const n = await (
      await h.as(ROOT.username)
    )
      .post(`/v1/organizations/${org}/numbers`)
      .send({ number: '024 3943 7142', brandnameId: brand })
      .expect(201);
    // No holding record until the approval, which stands for the carrier's word.
    expect((await (await h.as('reg2')).get(`/v1/numbers/${n.body.id}`).expect(200)).body.holding).toBeNull();
    const approved = await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    expect(approved.body.status).toBe('active');
    const after = (await (await h.as('reg2')).get(`/v1/numbers/${n.body.id}`).expect(200)).body;
    expect(after.holding).toMatchObject({ status: 'confirmed', source: 'regulator_approval' });
  });
});

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
