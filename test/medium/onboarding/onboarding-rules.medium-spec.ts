import { ApplicationsService } from '../../../apps/registry/src/applications/applications.service';
import { AuditService } from '../../../apps/registry/src/audit/audit.service';
import { AuditQueryDto } from '../../../apps/registry/src/audit/dto/audit.dto';
import { CarrierConfirmationsService } from '../../../apps/registry/src/carrier-confirmations/carrier-confirmations.service';
import type { CarrierContext } from '../../../apps/registry/src/common/carrier-context';
import { InvitationQueryDto } from '../../../apps/registry/src/invitations/dto/invitation.dto';
import { InvitationsService } from '../../../apps/registry/src/invitations/invitations.service';
import { NumbersImportService } from '../../../apps/registry/src/numbers/numbers-import.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import { refused } from '../support/expect-refusal';
import { startWorld } from '../support/world';
import { Items } from '../support/items';
import { FILE_ADDRESS, MediumRegistry, Person } from '../support/medium-registry';
import { e164Of, Space } from '../support/space';

/**
 * Onboarding's rules on the services, against hostile input: invitation tokens that are not good, applications
 * with bad parts (refused whole, nothing stored), carriers answering only for their own numbers, the four eyes on
 * an application's approval, and the holding rules of the numbers route and the import. (Uploads refused by size
 * or content, the limits of the request body and the routes' guards: test/onboarding/onboarding-hostile.e2e-spec.ts.)
 */

const DECISION_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const pdf = (name: string) => ({ buffer: DECISION_PDF, originalname: name, mimetype: 'application/pdf' });

let r: MediumRegistry;
let s: Space;
let items: Items;
let root: Person;
let reg2: Person;
let reg3: Person;
let viettel: { code: string; ctx: () => CarrierContext };
let vinaphone: { code: string; ctx: () => CarrierContext };

const applications = () => r.get(ApplicationsService);
const invitations = () => r.get(InvitationsService);
const numbers = () => r.get(NumbersService);
const anonymous = () => ({ requestId: `apply-${Date.now()}`, ip: FILE_ADDRESS });

async function invite(name: string, by: Person = root): Promise<{ id: string; token: string; code: string }> {
  const code = s.code(name);
  const inv = await invitations().create(by.ctx(), {
    organizationCode: code,
    organizationName: `Cơ quan ${name} ${s.n}`,
    kind: 'ministry',
  });
  return { id: inv.id, token: inv.token, code };
}

function applicationBody(token: string, nums: Array<{ number: string; holdingCarrier: string }>, over: object = {}) {
  const t = s.token();
  return {
    invitationToken: token,
    applicant: {
      username: s.username(`app.${t.toLowerCase()}`),
      password: 'bca-admin-password-123',
      fullName: 'Nguyễn Văn An',
      email: 'an.nguyen@bocongan.gov.vn',
      phone: '024 3822 6602',
    },
    brandname: { label: t, displayName: `Cơ quan ${t}`, callReason: 'Thông báo từ cơ quan' },
    numbers: nums,
    ...over,
  };
}

/** What an application could have stored: its organization, its applicant's account, its numbers, its application. */
async function stored(
  body: { invitationToken: string; applicant: { username: string }; numbers: Array<{ number: string }> },
  code: string,
) {
  const e164s = body.numbers
    .map((n) => n.number)
    .filter((n) => /^0\d{9}$/.test(n.replace(/\D/g, '')))
    .map((n) => e164Of(n.replace(/\D/g, '')));
  const [row] = await r.ds.query(
    `SELECT (SELECT count(*) FROM organizations WHERE code = $1)::int AS orgs,
            (SELECT count(*) FROM users WHERE username = $2)::int AS users,
            (SELECT count(*) FROM caller_numbers WHERE e164 = ANY($3))::int AS numbers,
            (SELECT count(*) FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE o.code = $1)::int AS applications`,
    [code, body.applicant.username, e164s],
  );
  return row;
}
const NOTHING = { orgs: 0, users: 0, numbers: 0, applications: 0 };

beforeAll(async () => {
  ({
    r,
    s,
    items,
    root,
    regulators: [reg2, reg3],
  } = await startWorld('reg2', 'reg3'));
  viettel = await s.carrier('VIETTEL');
  vinaphone = await s.carrier('VINAPHONE');
});
afterAll(() => r?.stop());

describe('applications with bad credentials or bad parts store nothing', () => {
  it('forged, expired, used and revoked invitation tokens are 403 INVITATION_INVALID', async () => {
    const one = () => [{ number: s.number(), holdingCarrier: viettel.code }];
    const forged = applicationBody('inv_forged-token-0123456789', one());
    await refused(applications().create(anonymous(), forged), 403, 'INVITATION_INVALID');
    expect(await stored(forged, 'nothing')).toEqual(NOTHING);

    const expired = await invite('EXP');
    await r.ds.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    const late = applicationBody(expired.token, one());
    const err = await refused(applications().create(anonymous(), late), 403, 'INVITATION_INVALID');
    const forgedErr = await refused(applications().create(anonymous(), forged), 403, 'INVITATION_INVALID');
    expect(err.message).toBe(forgedErr.message); // one answer for every bad token: it says nothing of which
    expect(await stored(late, expired.code)).toEqual(NOTHING);

    const revoked = await invite('REV');
    await invitations().revoke(root.ctx(), revoked.id);
    const afterRevoke = applicationBody(revoked.token, one());
    await refused(applications().create(anonymous(), afterRevoke), 403, 'INVITATION_INVALID');
    expect(await stored(afterRevoke, revoked.code)).toEqual(NOTHING);

    const used = await invite('USED');
    const first = applicationBody(used.token, one());
    await applications().create(anonymous(), first);
    expect(await stored(first, used.code)).toEqual({ orgs: 1, users: 1, numbers: 1, applications: 1 });
    const again = applicationBody(used.token, one());
    const twice = await refused(applications().create(anonymous(), again), 403, 'INVITATION_INVALID');
    expect(twice.message).toBe(forgedErr.message);
    expect(await stored(again, used.code)).toEqual({ ...NOTHING, orgs: 1, applications: 1 });
  });

  it('an application with several bad parts is refused whole, each problem listed with its code', async () => {
    const inv = await invite('BAD');
    const dup = s.number();
    const body = applicationBody(
      inv.token,
      [
        { number: dup, holdingCarrier: viettel.code },
        { number: '12345', holdingCarrier: viettel.code },
        { number: s.number(), holdingCarrier: s.carrierCode('NOPE') },
        { number: `${dup.slice(0, 4)} ${dup.slice(4)}`, holdingCarrier: viettel.code },
      ],
      { brandname: { label: 'BO CONG AN!!', displayName: 'Bộ Công an' } },
    );
    const err = await refused(applications().create(anonymous(), body), 400, 'VALIDATION_FAILED');
    const problems = (err.details?.fields ?? []).map((f) => `${f.field}: ${f.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'brandname.label: INVALID_LABEL',
        'numbers[1].number: INVALID_NUMBER',
        'numbers[2].holdingCarrier: INVALID_ORIGIN',
        'numbers[3].number: DUPLICATE_NUMBER',
      ]),
    );
    expect(await stored(body, inv.code)).toEqual(NOTHING);
    expect((await invitations().list(Object.assign(new InvitationQueryDto(), { status: 'open' }))).map((i) => i.id)).toContain(inv.id);
  });

  it('a look-alike label alone keeps its own code and names nobody', async () => {
    const mic = await s.activeOrganization('MIC', 'ministry', { approver: reg2 });
    const t = s.token();
    await s.activeBrandname(mic, { label: `BO ${t}`, displayName: `Bộ ${t}` }, { approver: reg2 });
    const inv = await invite('FAKE');
    const body = applicationBody(inv.token, [{ number: s.number(), holdingCarrier: viettel.code }], {
      brandname: { label: `B0 ${t}`, displayName: `Bộ ${t}` },
    });
    const clash = await refused(applications().create(anonymous(), body), 409, 'CONFUSABLE_NAME');
    expect(clash.message).not.toContain(s.code('MIC'));
    expect(clash.details?.fields?.[0]).toMatchObject({ field: 'brandname.label', code: 'CONFUSABLE_NAME' });
    expect(await stored(body, inv.code)).toEqual(NOTHING);
  });
});

describe('an application under review', () => {
  let app: { id: string; numbers: Array<{ id: string; number: string }> };
  let admin: Person;
  let vinaNumber: string;
  beforeAll(async () => {
    const inv = await invite('BCA');
    vinaNumber = s.number();
    const body = applicationBody(inv.token, [
      { number: s.number(), holdingCarrier: viettel.code },
      { number: vinaNumber, holdingCarrier: vinaphone.code },
    ]);
    app = await applications().create(anonymous(), body);
    admin = await r.signIn(body.applicant.username, body.applicant.password);
  });

  it('a carrier cannot answer for a number another carrier holds; it answers its own once', async () => {
    const vina = app.numbers.find((n) => n.number === e164Of(vinaNumber))!;
    const confirmations = r.get(CarrierConfirmationsService);
    await refused(confirmations.decide(viettel.ctx(), vina.id, { decision: 'confirm' }), 404, 'NOT_FOUND');
    await refused(confirmations.release(viettel.ctx(), vina.id, 'x'), 404, 'NOT_FOUND');
    const [held] = await r.ds.query(`SELECT status FROM number_holdings WHERE number_id = $1`, [vina.id]);
    expect(held.status).toBe('pending');
    await confirmations.decide(vinaphone.ctx(), vina.id, { decision: 'confirm' });
    const [confirmed] = await r.ds.query(`SELECT status FROM number_holdings WHERE number_id = $1`, [vina.id]);
    expect(confirmed.status).toBe('confirmed');
  });

  it('a regulator who ticked, the inviter or an account the inviter made cannot approve it', async () => {
    await applications().addDocument(admin.ctx(), app.id, 'decision', pdf('qd.pdf'));
    for (const item of ['documents_present', 'legal_name_matches_decision'] as const)
      await applications().tick(reg2.ctx(), app.id, item, true);
    await refused(applications().approve(reg3.ctx(), app.id), 400, 'VALIDATION_FAILED');
    await applications().tick(reg2.ctx(), app.id, 'numbers_confirmed_by_carriers', true);
    await refused(applications().approve(reg2.ctx(), app.id), 403, 'FOUR_EYES_REQUIRED');
    // Nor the inviter, who held the token that made the applicant's account, nor an account the inviter made.
    const byInviter = await refused(applications().approve(root.ctx(), app.id), 403, 'FOUR_EYES_REQUIRED');
    expect(byInviter.details?.rule).toBe('approver_controls_author'); // the applicant's account came from root's invitation
    const sock = await r
      .get(UsersService)
      .create(root.ctx(), { username: s.username('inviter.sock'), password: 'inviter.sock-password-123', role: 'regulator' });
    await r.get(UsersService).decide(reg2.ctx(), sock.id, 'approve');
    const sockPerson = await r.signIn(s.username('inviter.sock'), 'inviter.sock-password-123');
    const bySock = await refused(applications().approve(sockPerson.ctx(), app.id), 403, 'FOUR_EYES_REQUIRED');
    expect(bySock.details?.rule).toBe('shared_controller'); // root can act both as the applicant and as inviter.sock
    expect((await r.ds.query(`SELECT status FROM organizations WHERE code = $1`, [s.code('BCA')]))[0].status).toBe('pending');
    // A regulator who took no part, and can act as nobody who did, may decide it.
    expect((await applications().get(reg3.actor, app.id)).fourEyes).toEqual({ allowed: true });
  });
});

describe('holding rules on the numbers route and the import', () => {
  let org: string;
  let brand: string;
  let label: string;
  let admin: Person;
  beforeAll(async () => {
    org = await s.activeOrganization('ORG_H', 'ministry', { approver: reg2 });
    const names = s.names();
    label = names.label;
    brand = await s.activeBrandname(org, names, { approver: reg2 });
    admin = await s.agencyAdmin('h.admin', org);
  });

  it("an agency admin must name each number's carrier; approval waits for that carrier", async () => {
    const national = s.number();
    const missing = await refused(numbers().create(admin.ctx(), org, { number: national, brandnameId: brand }), 400, 'VALIDATION_FAILED');
    expect(missing.details?.fields).toEqual([expect.objectContaining({ field: 'holdingCarrier' })]);
    await refused(
      numbers().create(admin.ctx(), org, { number: national, brandnameId: brand, holdingCarrier: s.carrierCode('NOPE') }),
      400,
      'INVALID_ORIGIN',
    );
    const csv = `number,label,holdingCarrier\n${s.number()},${label},\n${s.number()},${label},${viettel.code}\n`;
    const report = await r.get(NumbersImportService).import(admin.ctx(), org, Buffer.from(csv), false);
    expect(report).toMatchObject({ accepted: 1, rejected: 1, rows: [{ line: 2, error: { code: 'VALIDATION_FAILED' } }] });

    const n = await numbers().create(admin.ctx(), org, { number: national, brandnameId: brand, holdingCarrier: viettel.code });
    await refused(items.act(reg2, 'numbers', n.id, 'approve'), 409, 'CARRIER_CONFIRMATION_REQUIRED');
    // A regulator may confirm for the carrier with its letter, never alone: the confirmer cannot also approve.
    // And not root, who created h.admin with a password and so can act as the number's submitter.
    const confirmations = r.get(CarrierConfirmationsService);
    const byCreator = await refused(
      confirmations.confirmOnBehalf(root.ctx(), n.id, { reason: 'Công văn của Viettel' }, pdf('cong-van.pdf')),
      403,
      'FOUR_EYES_REQUIRED',
    );
    expect(byCreator.details?.rule).toBe('approver_controls_author');
    await confirmations.confirmOnBehalf(reg2.ctx(), n.id, { reason: 'Công văn 45/VT của Viettel' }, pdf('cong-van.pdf'));
    await refused(items.act(reg2, 'numbers', n.id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
    expect((await items.act(reg3, 'numbers', n.id, 'approve')).status).toBe('active');
    const events = (await r.get(AuditService).list(Object.assign(new AuditQueryDto(), { entityId: n.id }))).items;
    expect(events.map((e: { action: string }) => e.action)).toContain('number.holding_confirm_on_behalf');
  });

  it('a regulator registering with a named carrier also waits for it', async () => {
    const n = await numbers().create(root.ctx(), org, { number: s.number(), brandnameId: brand, holdingCarrier: vinaphone.code });
    await refused(items.act(reg2, 'numbers', n.id, 'approve'), 409, 'CARRIER_CONFIRMATION_REQUIRED');
    await r.get(CarrierConfirmationsService).decide(vinaphone.ctx(), n.id, { decision: 'confirm' });
    expect((await items.act(reg2, 'numbers', n.id, 'approve')).status).toBe('active');
  });
});
