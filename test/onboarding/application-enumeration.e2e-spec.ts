import type { Response } from 'supertest';
import { INVITATION_MAX_REFUSED_SUBMISSIONS } from '@app/domain';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { UsersRepository } from '../../apps/registry/src/users/users.repository';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { APPLICANT_PASSWORD, applicationBody, carriersWithKeys, invite } from './onboarding-support';

/**
 * The public application form is no oracle of the registry's names. Whoever holds no good token learns nothing
 * (one answer for every bad token, given before any name is looked up); whoever holds one learns only that "the
 * username or the organization code" is unavailable, never which, and at most INVITATION_MAX_REFUSED_SUBMISSIONS
 * times: every refusal is counted on the invitation in the database and audited, and then the invitation is
 * exhausted, even for a correct application, across restarts.
 */
describe('the application form does not enumerate usernames or organization codes', () => {
  let h: RegistryHarness;
  let k = 0;

  /** An application, correct unless a name is taken: its own number, and a label no stored application has. */
  function body(token: string, username: string, label = 'REFUSED') {
    const n = k++;
    const base = applicationBody(token, [{ number: `0243822${String(1000 + n)}`, holdingCarrier: 'VIETTEL' }], {
      brandname: { label, displayName: `Cơ quan ${label.charAt(0)}${label.slice(1).toLowerCase()}` },
    });
    return { ...base, applicant: { ...base.applicant, username } };
  }
  const apply = (b: object) => h.http().post('/v1/applications').send(b);
  /** What a client sees, but the request id. */
  const seen = (res: Response) => {
    const { requestId, ...rest } = res.body as Record<string, unknown>;
    expect(requestId).toEqual(expect.any(String));
    return { status: res.status, retryAfter: res.headers['retry-after'] ?? null, body: rest };
  };
  const refusedCount = async (id: string) =>
    (await h.ds.query(`SELECT refused_submissions AS n FROM invitations WHERE id = $1`, [id]))[0].n as number;
  const refusals = (id: string) =>
    h.ds.query(`SELECT actor_id, ip, after FROM audit_events WHERE action = 'application.create_failed' AND entity_id = $1 ORDER BY seq`, [
      id,
    ]);
  const stored = async (code: string, username: string) =>
    (
      await h.ds.query(
        `SELECT (SELECT count(*) FROM organizations WHERE code = $1)::int AS orgs, (SELECT count(*) FROM users WHERE username = $2)::int AS users`,
        [code, username],
      )
    )[0];

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await carriersWithKeys(h, ['VIETTEL']);
  });
  afterAll(() => h.stop());

  it('without a good token, a taken username gets the very answer a free one does, and no name is looked up', async () => {
    const expired = await invite(h, 'ENUMEXP', 'Cơ quan hết hạn');
    await h.ds.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    const revoked = await invite(h, 'ENUMREV', 'Cơ quan thu hồi');
    await (await h.as('reg2')).post(`/v1/invitations/${revoked.id}/revoke`).send({}).expect(200);
    const used = await invite(h, 'ENUMUSED', 'Cơ quan đã nộp');
    await apply(body(used.token, 'enum.used', 'ALPHA')).expect(201);

    const lookups = jest.spyOn(h.app.get(UsersRepository), 'usernameTaken');
    try {
      const answers = [];
      for (const token of ['inv_forged-token-0123456789', expired.token, revoked.token, used.token]) {
        for (const username of [ROOT.username, 'enum.used', 'nobody.has.this']) answers.push(seen(await apply(body(token, username))));
      }
      expect(answers[0]).toEqual({
        status: 403,
        retryAfter: null,
        body: { statusCode: 403, code: 'INVITATION_INVALID', message: expect.any(String) },
      });
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(JSON.stringify(answers)).not.toMatch(/root|enum\.used|nobody|expired|revoked|already/i);
      expect(lookups).not.toHaveBeenCalled();
      // The spy does see the look-up, once a token is good.
      const good = await invite(h, 'ENUMGOOD', 'Cơ quan thử');
      await apply({ ...body(good.token, ROOT.username), numbers: [{ number: '12345', holdingCarrier: 'VIETTEL' }] }).expect(400);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
    // Nothing counted and nothing audited for a token that opens nothing.
    for (const inv of [expired, revoked, used]) {
      expect(await refusedCount(inv.id)).toBe(0);
      expect(await refusals(inv.id)).toEqual([]);
    }
  });

  it('with a good token, a taken username and a taken organization code get one generic answer, audited with which', async () => {
    const byUsername = await invite(h, 'ENUMA', 'Cơ quan A');
    const takenUsername = await apply(body(byUsername.token, ROOT.username));

    // A regulator registers the promised code directly while the invitation is open: the code is now taken.
    const byCode = await invite(h, 'ENUMB', 'Cơ quan B');
    await (
      await h.as(ROOT.username)
    )
      .post('/v1/organizations')
      .send({ code: 'ENUMB', name: 'Cơ quan trùng mã', kind: 'other' })
      .expect(201);
    const takenCode = await apply(body(byCode.token, 'enum.free.b'));

    expect(seen(takenUsername)).toEqual({
      status: 409,
      retryAfter: null,
      body: {
        statusCode: 409,
        code: 'NAME_UNAVAILABLE',
        message: expect.any(String),
        fields: [{ field: 'applicant.username', code: 'NAME_UNAVAILABLE', message: expect.any(String) }],
      },
    });
    expect(seen(takenCode)).toEqual(seen(takenUsername));
    expect(JSON.stringify([takenUsername.body, takenCode.body])).not.toMatch(/root|ENUMB|enum\.free/i);

    // Both taken at once, with another problem: still the one name problem, beside the other.
    const both = await invite(h, 'ENUMC', 'Cơ quan C');
    await (
      await h.as(ROOT.username)
    )
      .post('/v1/organizations')
      .send({ code: 'ENUMC', name: 'Cơ quan trùng mã C', kind: 'other' })
      .expect(201);
    const twice = await apply({ ...body(both.token, ROOT.username), numbers: [{ number: '12345', holdingCarrier: 'VIETTEL' }] });
    expect(twice.status).toBe(400);
    expect(twice.body.fields).toEqual(
      expect.arrayContaining([
        takenUsername.body.fields[0],
        expect.objectContaining({ field: 'numbers[0].number', code: 'INVALID_NUMBER' }),
      ]),
    );
    expect(twice.body.fields.filter((f: { code: string }) => f.code === 'NAME_UNAVAILABLE')).toHaveLength(1);

    // The audit log, for regulators, says which name and counts the attempt; never the password or the token.
    const left = INVITATION_MAX_REFUSED_SUBMISSIONS - 1;
    expect(await refusals(byUsername.id)).toEqual([
      {
        actor_id: null,
        ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        after: {
          username: ROOT.username,
          problems: ['applicant.username: NAME_UNAVAILABLE'],
          taken: ['username'],
          refusedSubmissions: 1,
          left,
        },
      },
    ]);
    expect((await refusals(byCode.id)).map((r: { after: object }) => r.after)).toEqual([
      {
        username: 'enum.free.b',
        problems: ['applicant.username: NAME_UNAVAILABLE'],
        taken: ['organization_code'],
        refusedSubmissions: 1,
        left,
      },
    ]);
    expect((await refusals(both.id))[0].after.taken).toEqual(['organization_code', 'username']);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE after::text LIKE $1 OR after::text LIKE $2 OR after::text LIKE '%inv\\_%'`,
      [`%${APPLICANT_PASSWORD}%`, `%${byUsername.token.slice(4, 20)}%`],
    );
    expect(n).toBe(0);
  });

  it(`after ${INVITATION_MAX_REFUSED_SUBMISSIONS} refused submissions the invitation is exhausted, even for a correct one, across a restart`, async () => {
    const inv = await invite(h, 'ENUMX', 'Cơ quan X');
    // Every refusal counts, whatever refused it: a taken name, or a bad number.
    const answers = [];
    for (let i = 0; i < INVITATION_MAX_REFUSED_SUBMISSIONS; i++) {
      const b = body(inv.token, i % 2 ? 'enum.free.x' : ROOT.username);
      answers.push(await apply(i % 2 ? { ...b, numbers: [{ number: '12345', holdingCarrier: 'VIETTEL' }] } : b));
    }
    expect(answers.map((r) => `${r.status} ${r.body.code}`)).toEqual([
      '409 NAME_UNAVAILABLE',
      '400 INVALID_NUMBER',
      '409 NAME_UNAVAILABLE',
      '400 INVALID_NUMBER',
      '409 NAME_UNAVAILABLE',
    ]);
    expect(await refusedCount(inv.id)).toBe(INVITATION_MAX_REFUSED_SUBMISSIONS);
    expect((await refusals(inv.id)).map((r: { after: { left: number } }) => r.after.left)).toEqual([4, 3, 2, 1, 0]);

    const correct = body(inv.token, 'enum.correct.x', 'BRAVO');
    const exhausted = await apply(correct);
    expect(seen(exhausted)).toEqual({
      status: 403,
      retryAfter: null,
      body: { statusCode: 403, code: 'INVITATION_EXHAUSTED', message: expect.any(String) },
    });
    expect(await stored('ENUMX', 'enum.correct.x')).toEqual({ orgs: 0, users: 0 });
    // The exhausted answer is given before the names, and counts nothing more.
    expect(seen(await apply(body(inv.token, ROOT.username)))).toEqual(seen(exhausted));
    expect(await refusedCount(inv.id)).toBe(INVITATION_MAX_REFUSED_SUBMISSIONS);

    const listed = (await (await h.as('reg2')).get('/v1/invitations?status=exhausted').expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({ id: inv.id, status: 'exhausted', refusedSubmissions: INVITATION_MAX_REFUSED_SUBMISSIONS }),
    ]);

    // The count is the database's: a restarted registry answers the same.
    await h.app.close();
    h.app = await createRegistryApp();
    h.forgetTokens();
    expect(seen(await apply(correct))).toEqual(seen(exhausted));
    expect(await stored('ENUMX', 'enum.correct.x')).toEqual({ orgs: 0, users: 0 });

    // An exhausted invitation no longer holds its code: the regulator invites again, and that one works.
    const again = await invite(h, 'ENUMX', 'Cơ quan X');
    await apply({ ...correct, invitationToken: again.token }).expect(201);
    expect(await stored('ENUMX', 'enum.correct.x')).toEqual({ orgs: 1, users: 1 });
  });

  it('refusals sent at once are counted one by one: never more than the limit is answered', async () => {
    const inv = await invite(h, 'ENUMP', 'Cơ quan P');
    const results = await Promise.all(
      Array.from({ length: INVITATION_MAX_REFUSED_SUBMISSIONS + 3 }, () => apply(body(inv.token, ROOT.username))),
    );
    const outcomes = results.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [`${r.status} ${r.body.code}`]: (acc[`${r.status} ${r.body.code}`] ?? 0) + 1 }),
      {},
    );
    expect(outcomes).toEqual({ '409 NAME_UNAVAILABLE': INVITATION_MAX_REFUSED_SUBMISSIONS, '403 INVITATION_EXHAUSTED': 3 });
    expect(await refusedCount(inv.id)).toBe(INVITATION_MAX_REFUSED_SUBMISSIONS);
    expect(await refusals(inv.id)).toHaveLength(INVITATION_MAX_REFUSED_SUBMISSIONS);
  });

  it('one username applied for with three invitations at once: one is stored, the others get the generic answer', async () => {
    const invs = [
      await invite(h, 'ENUMR1', 'Cơ quan R1'),
      await invite(h, 'ENUMR2', 'Cơ quan R2'),
      await invite(h, 'ENUMR3', 'Cơ quan R3'),
    ];
    const results = await Promise.all(invs.map((inv, i) => apply(body(inv.token, 'enum.race', ['CHARLIE', 'DELTA', 'ECHO'][i]))));
    expect(results.map((r) => `${r.status} ${r.status < 300 ? 'ok' : r.body.code}`).sort()).toEqual([
      '201 ok',
      '409 NAME_UNAVAILABLE',
      '409 NAME_UNAVAILABLE',
    ]);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'enum.race'`);
    expect(n).toBe(1);
  });
});
