import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { applicationBody, carrier, carriersWithKeys, DECISION_PDF, invite, PNG } from './onboarding-support';

/** Hostile input on the onboarding routes: each refused with a 4xx and the JSON error body, nothing stored. */
describe('onboarding refuses hostile input and stores nothing of it', () => {
  let h: RegistryHarness;
  let keys: Record<string, string>;

  const counts = async () =>
    (
      await h.ds.query(`SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM users)::int AS users,
                               (SELECT count(*) FROM caller_numbers)::int AS numbers, (SELECT count(*) FROM documents)::int AS documents,
                               (SELECT count(*) FROM applications)::int AS applications`)
    )[0];
  const expectError = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toEqual(expect.objectContaining({ statusCode: status, message: expect.any(String), requestId: expect.any(String) }));
  };
  const apply = (body: object) => h.http().post('/v1/applications').send(body);
  const one = [{ number: '024 3822 2593', holdingCarrier: 'VIETTEL' }];

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await h.createUser('reg3', 'regulator');
    keys = await carriersWithKeys(h, ['VIETTEL', 'VINAPHONE']);
  });
  afterAll(() => h.stop());

  it('forged, expired, used and revoked invitation tokens are 403 INVITATION_INVALID', async () => {
    const before = await counts();
    expectError(await apply(applicationBody('inv_forged-token-0123456789', one)), 403, 'INVITATION_INVALID');
    const expired = await invite(h, 'EXP', 'Cơ quan hết hạn');
    await h.ds.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    const res = await apply(applicationBody(expired.token, one));
    expectError(res, 403, 'INVITATION_INVALID');
    expect(res.body.message).toMatch(/expired/);
    const revoked = await invite(h, 'REV', 'Cơ quan bị thu hồi');
    await (await h.as(ROOT.username)).post(`/v1/invitations/${revoked.id}/revoke`).send({}).expect(200);
    expectError(await apply(applicationBody(revoked.token, one)), 403, 'INVITATION_INVALID');
    expect(await counts()).toEqual(before);

    const used = await invite(h, 'USED', 'Cơ quan đã nộp');
    await apply(
      applicationBody(used.token, one, {
        applicant: { ...applicationBody('', []).applicant, username: 'used.admin' },
        brandname: { label: 'CQ DA NOP', displayName: 'Cơ quan đã nộp' },
      }),
    ).expect(201);
    const after = await counts();
    const again = await apply(applicationBody(used.token, [{ number: '024 3822 2599', holdingCarrier: 'VIETTEL' }]));
    expectError(again, 403, 'INVITATION_INVALID');
    expect(again.body.message).toMatch(/already been used/);
    expect(await counts()).toEqual(after);
  });

  it('an application with several bad parts is refused whole, each problem listed with its code', async () => {
    const inv = await invite(h, 'BAD', 'Cơ quan sai');
    const before = await counts();
    const res = await apply(
      applicationBody(
        inv.token,
        [
          { number: '024 3822 2600', holdingCarrier: 'VIETTEL' },
          { number: '12345', holdingCarrier: 'VIETTEL' },
          { number: '024 3822 2601', holdingCarrier: 'NOPE' },
          { number: '02438222600', holdingCarrier: 'VIETTEL' },
        ],
        { brandname: { label: 'BO CONG AN!!', displayName: 'Bộ Công an' } },
      ),
    );
    expectError(res, 400, 'VALIDATION_FAILED');
    const problems = res.body.fields.map((f: { field: string; code: string }) => `${f.field}: ${f.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'brandname.label: INVALID_LABEL',
        'numbers[1].number: INVALID_NUMBER',
        'numbers[2].holdingCarrier: INVALID_ORIGIN',
        'numbers[3].number: DUPLICATE_NUMBER',
      ]),
    );
    expect(await counts()).toEqual(before);
    expect(
      (await (await h.as(ROOT.username)).get('/v1/invitations?status=open').expect(200)).body.map((i: { id: string }) => i.id),
    ).toContain(inv.id);
  });

  it('a look-alike label alone keeps its own code and names nobody; 1,001 numbers are refused', async () => {
    const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    const inv = await invite(h, 'FAKE', 'Cơ quan giả');
    const before = await counts();
    const clash = await apply(applicationBody(inv.token, one, { brandname: { label: 'B0 TTTT', displayName: 'Bộ TT&TT' } }));
    expectError(clash, 409, 'CONFUSABLE_NAME');
    expect(clash.body.message).not.toMatch(/MIC/);
    expect(clash.body.fields[0]).toMatchObject({ field: 'brandname.label', code: 'CONFUSABLE_NAME' });
    const many = Array.from({ length: 1001 }, (_, i) => ({ number: `091${String(i).padStart(7, '0')}`, holdingCarrier: 'VIETTEL' }));
    const tooMany = await apply(applicationBody(inv.token, many));
    expectError(tooMany, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(tooMany.body.fields)).toMatch(/at most 1000/);
    expect(await counts()).toEqual(before);
  });

  describe('documents and decisions', () => {
    let app: { id: string; numbers: Array<{ id: string; number: string }> };
    let admin: Awaited<ReturnType<RegistryHarness['as']>>;
    beforeAll(async () => {
      const inv = await invite(h, 'BCA', 'Bộ Công an');
      const body = applicationBody(inv.token, [
        { number: '024 3822 2593', holdingCarrier: 'VIETTEL' },
        { number: '024 3822 6602', holdingCarrier: 'VINAPHONE' },
      ]);
      app = (
        await apply({ ...body, applicant: { ...body.applicant, username: 'bca.admin', password: 'bca.admin-password-123' } }).expect(201)
      ).body;
      admin = await h.as('bca.admin');
    });

    it('a PNG renamed .pdf is 415, a text file is 415, a 20 MB file is 413; nothing is stored', async () => {
      const before = await counts();
      const upload = (file: Buffer, name: string) =>
        admin.post(`/v1/applications/${app.id}/documents`).field('kind', 'decision').attach('file', file, name);
      expectError(await upload(PNG, 'quyet-dinh.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await upload(Buffer.from('not a document at all'), 'ghi-chu.txt'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await upload(Buffer.concat([DECISION_PDF, Buffer.alloc(20 * 1024 * 1024)]), 'lon.pdf'), 413, 'PAYLOAD_TOO_LARGE');
      expect(await counts()).toEqual(before);
      await upload(PNG, 'anh.png').expect(201);
    });

    it('a carrier cannot answer for a number another carrier holds; it answers its own once', async () => {
      const vina = app.numbers.find((n) => n.number === '+842438226602')!;
      const viettel = carrier(h, keys.VIETTEL);
      expectError(await viettel.post(`/v1/carrier/number-confirmations/${vina.id}`).send({ decision: 'confirm' }), 404, 'NOT_FOUND');
      expectError(await viettel.post(`/v1/carrier/number-releases/${vina.id}`).send({ reason: 'x' }), 404, 'NOT_FOUND');
      const held = (await h.ds.query(`SELECT status FROM number_holdings WHERE number_id = $1`, [vina.id]))[0];
      expect(held.status).toBe('pending');
      const bearer = await h.token(ROOT.username, ROOT.password);
      expectError(await h.http().get('/v1/carrier/number-confirmations').set('Authorization', `Bearer ${bearer}`), 401, 'UNAUTHENTICATED');
    });

    it('an agency admin cannot approve its own application; a regulator who ticked, the inviter or its account cannot either', async () => {
      expectError(await admin.post(`/v1/applications/${app.id}/approve`).send({}), 403, 'FORBIDDEN');
      await admin.post(`/v1/applications/${app.id}/documents`).field('kind', 'decision').attach('file', DECISION_PDF, 'qd.pdf').expect(201);
      const reg2 = await h.as('reg2');
      for (const item of ['documents_present', 'legal_name_matches_decision']) {
        await reg2.post(`/v1/applications/${app.id}/checklist`).send({ item, checked: true }).expect(200);
      }
      const incomplete = await (await h.as('reg3')).post(`/v1/applications/${app.id}/approve`).send({});
      expectError(incomplete, 400, 'VALIDATION_FAILED');
      await reg2.post(`/v1/applications/${app.id}/checklist`).send({ item: 'numbers_confirmed_by_carriers', checked: true }).expect(200);
      expectError(await reg2.post(`/v1/applications/${app.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
      // Nor the inviter, who held the token that made the applicant's account, nor an account the inviter made.
      const byInviter = await (await h.as(ROOT.username)).post(`/v1/applications/${app.id}/approve`).send({});
      expectError(byInviter, 403, 'FOUR_EYES_REQUIRED');
      expect(byInviter.body.rule).toBe('approver_controls_author'); // the applicant's account came from root's invitation
      const sock = await (
        await h.as(ROOT.username)
      )
        .post('/v1/users')
        .send({ username: 'inviter.sock', password: 'inviter.sock-password-123', role: 'regulator' })
        .expect(201);
      await reg2.post(`/v1/users/${sock.body.id}/approve`).send({}).expect(200);
      const bySock = await (await h.as('inviter.sock')).post(`/v1/applications/${app.id}/approve`).send({});
      expectError(bySock, 403, 'FOUR_EYES_REQUIRED');
      expect(bySock.body.rule).toBe('shared_controller'); // root can act both as the applicant and as inviter.sock
      expect((await h.ds.query(`SELECT status FROM organizations WHERE code = 'BCA'`))[0].status).toBe('pending');
      // A regulator who took no part, and can act as nobody who did, may decide it.
      expect((await (await h.as('reg3')).get(`/v1/applications/${app.id}`).expect(200)).body.fourEyes).toEqual({ allowed: true });
    });
  });

  describe('holding rules on the numbers route and the import', () => {
    let org: string;
    let brand: string;
    beforeAll(async () => {
      org = await h.activeOrganization('ORG_H', 'Cục Giữ số');
      brand = await h.activeBrandname(org, 'CUC GIU SO', 'Cục Giữ số');
      await h.createUser('h.admin', 'agency_admin', org);
    });

    it("an agency admin must name each number's carrier; approval waits for that carrier", async () => {
      const admin = await h.as('h.admin');
      const missing = await admin.post(`/v1/organizations/${org}/numbers`).send({ number: '0912 300 001', brandnameId: brand });
      expectError(missing, 400, 'VALIDATION_FAILED');
      expect(missing.body.fields).toEqual([expect.objectContaining({ field: 'holdingCarrier' })]);
      const unknown = await admin
        .post(`/v1/organizations/${org}/numbers`)
        .send({ number: '0912 300 001', brandnameId: brand, holdingCarrier: 'NOPE' });
      expectError(unknown, 400, 'INVALID_ORIGIN');
      const report = await admin
        .post(`/v1/organizations/${org}/numbers/import`)
        .attach('file', Buffer.from('number,label,holdingCarrier\n0912300002,CUC GIU SO,\n0912300003,CUC GIU SO,VIETTEL\n'), 'n.csv')
        .expect(200);
      expect(report.body).toMatchObject({ accepted: 1, rejected: 1, rows: [{ line: 2, error: { code: 'VALIDATION_FAILED' } }] });

      const n = await admin
        .post(`/v1/organizations/${org}/numbers`)
        .send({ number: '0912 300 001', brandnameId: brand, holdingCarrier: 'VIETTEL' })
        .expect(201);
      expectError(await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}), 409, 'CARRIER_CONFIRMATION_REQUIRED');
      // A regulator may confirm for the carrier with its letter, never alone: the confirmer cannot also approve.
      // And not root, who created h.admin with a password and so can act as the number's submitter.
      const byCreator = await (
        await h.as(ROOT.username)
      )
        .post(`/v1/numbers/${n.body.id}/holding-confirmation`)
        .field('reason', 'Công văn của Viettel')
        .attach('file', DECISION_PDF, 'cong-van.pdf');
      expectError(byCreator, 403, 'FOUR_EYES_REQUIRED');
      expect(byCreator.body.rule).toBe('approver_controls_author');
      const noFile = await (
        await h.as('reg2')
      )
        .post(`/v1/numbers/${n.body.id}/holding-confirmation`)
        .field('reason', 'Công văn của Viettel');
      expectError(noFile, 400, 'VALIDATION_FAILED');
      await (
        await h.as('reg2')
      )
        .post(`/v1/numbers/${n.body.id}/holding-confirmation`)
        .field('reason', 'Công văn 45/VT của Viettel')
        .attach('file', DECISION_PDF, 'cong-van.pdf')
        .expect(200);
      expectError(await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
      expect((await (await h.as('reg3')).post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200)).body.status).toBe('active');
      const events = (await (await h.as(ROOT.username)).get(`/v1/audit-events?entityId=${n.body.id}`).expect(200)).body.items;
      expect(events.map((e: { action: string }) => e.action)).toContain('number.holding_confirm_on_behalf');
    });

    it('a regulator registering with a named carrier also waits for it', async () => {
      const n = await (
        await h.as(ROOT.username)
      )
        .post(`/v1/organizations/${org}/numbers`)
        .send({ number: '0912 300 009', brandnameId: brand, holdingCarrier: 'VINAPHONE' })
        .expect(201);
      expectError(await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}), 409, 'CARRIER_CONFIRMATION_REQUIRED');
      await carrier(h, keys.VINAPHONE).post(`/v1/carrier/number-confirmations/${n.body.id}`).send({ decision: 'confirm' }).expect(200);
      await (await h.as('reg2')).post(`/v1/numbers/${n.body.id}/approve`).send({}).expect(200);
    });
  });
});
