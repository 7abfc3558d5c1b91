import type { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { applicationBody, carriersWithKeys, DECISION_PDF, invite, PNG } from './onboarding-support';

/**
 * Hostile requests on the onboarding routes, refused at the door with a 4xx and the JSON error body, nothing
 * stored: an oversized application, uploads refused by size or content, a bearer token on a carrier's route, an
 * agency admin on a regulator's route, a confirmation without its letter. The rules behind the routes (invitation
 * tokens, bad parts, look-alikes, four eyes, holding) are the medium tier's:
 * test/medium/onboarding/onboarding-rules.medium-spec.ts.
 */
describe('onboarding refuses hostile requests and stores nothing of them', () => {
  let h: RegistryHarness;
  let app: { id: string; numbers: Array<{ id: string; number: string }> };
  let admin: Awaited<ReturnType<RegistryHarness['as']>>;

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

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await carriersWithKeys(h, ['VIETTEL', 'VINAPHONE']);
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
  afterAll(() => h.stop());

  it('an application of 1,001 numbers is refused', async () => {
    const inv = await invite(h, 'MANY', 'Cơ quan nhiều số');
    const before = await counts();
    const many = Array.from({ length: 1001 }, (_, i) => ({ number: `091${String(i).padStart(7, '0')}`, holdingCarrier: 'VIETTEL' }));
    const tooMany = await apply(
      applicationBody(inv.token, many, { applicant: { ...applicationBody('', []).applicant, username: 'many.admin' } }),
    );
    expectError(tooMany, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(tooMany.body.fields)).toMatch(/at most 1000/);
    expect(await counts()).toEqual(before);
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

  it("a carrier's route takes only a carrier's API key: a user's bearer token is 401", async () => {
    const bearer = await h.token(ROOT.username, ROOT.password);
    expectError(await h.http().get('/v1/carrier/number-confirmations').set('Authorization', `Bearer ${bearer}`), 401, 'UNAUTHENTICATED');
    expectError(
      await h
        .http()
        .post(`/v1/carrier/number-confirmations/${app.numbers[0].id}`)
        .set('Authorization', `Bearer ${bearer}`)
        .send({ decision: 'confirm' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('an agency admin cannot approve its own application: the route is a regulator’s', async () => {
    expectError(await admin.post(`/v1/applications/${app.id}/approve`).send({}), 403, 'FORBIDDEN');
    expect((await h.ds.query(`SELECT status FROM applications WHERE id = $1`, [app.id]))[0].status).toBe('submitted');
  });

  it("a confirmation on the carrier's behalf needs the carrier's letter: without the file it is 400", async () => {
    const noFile = await (
      await h.as('reg2')
    )
      .post(`/v1/numbers/${app.numbers[0].id}/holding-confirmation`)
      .field('reason', 'Công văn của Viettel');
    expectError(noFile, 400, 'VALIDATION_FAILED');
    expect((await h.ds.query(`SELECT status FROM number_holdings WHERE number_id = $1`, [app.numbers[0].id]))[0].status).toBe('pending');
  });
});
