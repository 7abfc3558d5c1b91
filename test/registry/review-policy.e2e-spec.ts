import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { within } from '../support/wait';

/**
 * The review policy where a lookup is watching: a change waits in a revision while the lookup keeps serving the
 * approved answer (a narrowing of origins answered as none, not block, on one person's word), then serves the new
 * one with no gap; and every sign-in is audited with its address. The policy's
 * other attacks (accounts, origins, validity, suspensions, parents, look-alikes, squatting, leaks) are the medium
 * tier's: test/medium/registry/review-policy.medium-spec.ts.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

let h: RegistryHarness;
let lookup: NestFastifyApplication;
let key: string;
let root: Client;
let reg2: Client;
let micAdmin: Client;
let micId: string;
let micBrand: string;

let seq = 0;
/** A fresh valid mobile number, 0913 000 001 and up, with its E.164 form. */
function freshNumber(): { national: string; e164: string } {
  const national = `0913${String(++seq).padStart(6, '0')}`;
  return { national, e164: `+84${national.slice(1)}` };
}

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

const answer = async (number: string, origin?: string) =>
  (
    await request(lookup.getHttpServer())
      .get(`/v1/lookup/${number}${origin ? `?origin=${origin}` : ''}`)
      .set('X-Api-Key', key)
      .expect(200)
  ).body;

async function published(e164: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await h.ds.query(`SELECT entry FROM published_numbers WHERE e164 = $1`, [e164]);
  return row?.entry;
}

/** An active number of MIC, submitted by `by` and approved by reg2. */
async function activeNumber(body: Record<string, unknown> = {}, by: Client = root): Promise<{ id: string; e164: string; version: number }> {
  const { national, e164 } = freshNumber();
  const created = await by
    .post(`/v1/organizations/${micId}/numbers`)
    .send({ number: national, brandnameId: micBrand, ...(by === root ? {} : { holdingCarrier: 'HOLDER' }), ...body })
    .expect(201);
  if (by !== root) await h.confirmHolding(created.body.id);
  const approved = await reg2.post(`/v1/numbers/${created.body.id}/approve`).send({}).expect(200);
  return { id: created.body.id, e164, version: approved.body.version };
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.holdingCarrier();
  await h.createUser('reg2', 'regulator');
  await h.createUser('reg3', 'regulator');
  reg2 = await h.as('reg2');
  for (const code of ['VIETTEL', 'VINAPHONE', 'MOBIFONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
  const viettel = (await root.get('/v1/carriers').expect(200)).body.find((c: { code: string }) => c.code === 'VIETTEL');
  key = (await root.post(`/v1/carriers/${viettel.id}/api-keys`).expect(201)).body.key;
  micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  micBrand = await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
  await h.createUser('mic.admin', 'agency_admin', micId);
  micAdmin = await h.as('mic.admin');
  lookup = await createLookupApp();
  await within(
    5000,
    async () => void (await request(lookup.getHttpServer()).get('/v1/lookup/0912000000').set('X-Api-Key', key).expect(200)),
  );
});
afterAll(async () => {
  await lookup?.close();
  await h?.stop();
});

describe('2. an agency admin cannot open its number to calls from abroad, or widen its validity, alone', () => {
  it('adding INTERNATIONAL waits in a revision; the lookup keeps blocking until another regulator approves', async () => {
    const n = await activeNumber({ allowedOrigins: ['VIETTEL'] });
    await within(5000, async () => expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block'));
    const publishedBefore = await published(n.e164);

    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'active', allowedOrigins: ['VIETTEL'] });
    expect(res.body.pendingRevision).toMatchObject({
      status: 'pending',
      changes: { allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] },
      previous: { allowedOrigins: ['VIETTEL'] },
    });
    expect(await published(n.e164)).toEqual(publishedBefore);
    expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('block');

    // mic.admin's account was created by root: root may not approve what it proposes.
    expectError(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    const approved = await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ allowedOrigins: ['INTERNATIONAL', 'VIETTEL'], pendingRevision: null });
    await within(5000, async () => expect((await answer(n.e164, 'INTERNATIONAL')).verdict).toBe('brand'));
  });

  it('narrowing is held: a removed origin answers none (not block) on one word, block once another person approves', async () => {
    const n = await activeNumber({ allowedOrigins: ['VIETTEL', 'VINAPHONE'] });
    await within(5000, async () => expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('brand'));
    const res = await micAdmin
      .patch(`/v1/numbers/${n.id}`)
      .send({ version: n.version, allowedOrigins: ['VIETTEL'], validTo: '2030-01-01T00:00:00Z' })
      .expect(200);
    // The earlier end applies at once; the removed origin waits for a second person.
    expect(res.body).toMatchObject({ allowedOrigins: ['VIETTEL', 'VINAPHONE'], validTo: '2030-01-01T00:00:00.000Z' });
    expect(res.body.pendingRevision).toMatchObject({
      status: 'pending',
      changes: { allowedOrigins: ['VIETTEL'] },
      previous: { allowedOrigins: ['VIETTEL', 'VINAPHONE'] },
    });
    // One person's word never declines a call: the removed origin is not branded, and not blocked either.
    await within(5000, async () =>
      expect(await answer(n.e164, 'VINAPHONE')).toMatchObject({ verdict: 'none', status: 'active', originAllowed: false }),
    );
    expect((await answer(n.e164, 'VIETTEL')).verdict).toBe('brand');
    expect(await published(n.e164)).toMatchObject({ allowedOrigins: ['VIETTEL', 'VINAPHONE'], narrowedOrigins: ['VIETTEL'] });

    // mic.admin's account was created by root: root may not confirm what it proposes.
    expectError(await root.post(`/v1/numbers/${n.id}/revision/approve`).send({}), 403, 'FOUR_EYES_REQUIRED');
    expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('none');
    const approved = await reg2.post(`/v1/numbers/${n.id}/revision/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ allowedOrigins: ['VIETTEL'], pendingRevision: null });
    await within(5000, async () => expect((await answer(n.e164, 'VINAPHONE')).verdict).toBe('block'));
    expect(await published(n.e164)).not.toHaveProperty('narrowedOrigins');
  });
});

describe('8. every sign-in is audited, never with the password', () => {
  it('records success and failure with the address', async () => {
    await h.http().post('/v1/auth/login').send({ username: 'reg3', password: 'reg3-password-123' }).expect(200);
    await h.http().post('/v1/auth/login').send({ username: 'reg3', password: 'wrong-password-999' }).expect(401);
    await h.http().post('/v1/auth/login').send({ username: 'nobody', password: 'nobody-password-1' }).expect(401);
    const rows = await h.ds.query(
      `SELECT action, actor_id, ip, after FROM audit_events WHERE action LIKE 'auth.%' ORDER BY seq DESC LIMIT 3`,
    );
    const [reg3Id] = await h.ds.query(`SELECT id FROM users WHERE username = 'reg3'`);
    expect(rows.map((r: { action: string; actor_id: string | null; after: object }) => [r.action, r.actor_id, r.after])).toEqual([
      ['auth.login_failed', null, { username: 'nobody', reason: 'unknown_user' }],
      ['auth.login_failed', null, { username: 'reg3', reason: 'wrong_password' }],
      ['auth.login', reg3Id.id, { username: 'reg3' }],
    ]);
    for (const r of rows) expect(r.ip).toMatch(/127\.0\.0\.1|::1/);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE after::text LIKE '%password-%'`);
    expect(n).toBe(0);
  });
});

describe('a rename is no outage', () => {
  it('the old name answers until the revision is approved, then the new one, never none in between', async () => {
    const n = await activeNumber();
    await within(5000, async () => expect((await answer(n.e164)).display?.label).toBe('BO TTTT'));
    const seen: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const a = await answer(n.e164);
        seen.push(a.verdict === 'brand' ? a.display.label : a.verdict);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const current = (await root.get(`/v1/brandnames/${micBrand}`).expect(200)).body;
    const res = await micAdmin
      .patch(`/v1/brandnames/${micBrand}`)
      .send({ version: current.version, label: 'BO KHCN', displayName: 'Bộ KH&CN' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'active',
      label: 'BO TTTT',
      pendingRevision: { changes: { label: 'BO KHCN', displayName: 'Bộ KH&CN' } },
    });
    await within(5000, async () => expect(seen.length).toBeGreaterThan(5));
    await reg2.post(`/v1/brandnames/${micBrand}/revision/approve`).send({}).expect(200);
    await within(5000, async () => expect(seen[seen.length - 1]).toBe('BO KHCN'));
    polling = false;
    await poller;
    const firstNew = seen.indexOf('BO KHCN');
    expect(seen.slice(0, firstNew).every((s) => s === 'BO TTTT')).toBe(true);
    expect(seen.slice(firstNew).every((s) => s === 'BO KHCN')).toBe(true);
    const renamed = (await root.get(`/v1/brandnames/${micBrand}`).expect(200)).body;
    expect(renamed).toMatchObject({ label: 'BO KHCN', status: 'active', pendingRevision: null });
    expect(Date.parse(renamed.approvedAt)).toBeGreaterThan(Date.parse(current.approvedAt));
  });
});
