import { RegistryHarness, ROOT } from '../support/registry-harness';
import { Account, Holdings, PersonName } from './model';
import { Answer, RegistryClient } from './registry-client';

/**
 * The registry every sequence starts from, built through the API as the people below would build it, each step
 * legal on today's code and each decision taken by two people:
 *
 * - regulators root (bootstrap), reg2 (root's bootstrap pair), reg3 (enrolled: reg2 created it and holds the
 *   first half of its code, root approved it and holds the second, its holder set its own password);
 * - carriers VIETTEL and VINAPHONE with a key each (the person carrier-viettel holds VIETTEL's);
 * - MIC (ministry) with brandnames BO TTTT and MIC CSKH, VCB (bank) with VIETCOMBANK, all active;
 * - mic.admin (created by reg2), vcb.admin (created by root);
 * - MIC numbers A (VIETTEL only), B (every domestic carrier), D (suspended by reg2: fraud), E (suspended by
 *   mic.admin: emergency stop), F (pending, submitted by mic.admin, held by VIETTEL, not yet confirmed); VCB
 *   number C (VINAPHONE only);
 * - BCA, onboarded: root invited it and root's person filled in the application (so root holds bca.admin);
 *   reg3 ticked the checklist, reg2 approved; number G confirmed by VIETTEL before the approval (active), number
 *   H held by VIETTEL and not yet confirmed: armed (its carrier's confirmation alone makes it brand);
 * - an open invitation root sent (TAND), whose token root's person holds.
 *
 * Who holds what: root ← root, vcb.admin, bca.admin and the TAND token; reg2 ← reg2 and mic.admin (reg2 chose its
 * password); reg3 ← reg3; carrier-viettel ← VIETTEL's key; cli-operator ← a shell on the server, no
 * account.
 */
export interface SeedWorld {
  holdings: Record<PersonName, Holdings>;
  /** Numbers whose branding two people already decided, waiting only for their carrier (see above). */
  armed: Set<string>;
  /** Carrier codes: the origins a lookup is asked with (with INTERNATIONAL and none). */
  carrierCodes: string[];
}

export const SEED_NUMBERS = {
  A: '0912000101',
  B: '0912000102',
  C: '0912000103',
  D: '0912000104',
  E: '0912000105',
  F: '0912000106',
  G: '0912000107',
  H: '0912000108',
} as const;
const e164 = (national: string) => `+84${national.slice(1)}`;

export async function seedRegistry(h: RegistryHarness, client: RegistryClient): Promise<SeedWorld> {
  const root = await h.as(ROOT.username);
  const ok = async (p: PromiseLike<Answer>, status = [200, 201]) => {
    const res = await p;
    if (!status.includes(res.status)) throw new Error(`seed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // Regulators: reg2 is root's bootstrap pair (active at once); reg3 is enrolled by reg2 and approved by root.
  await ok(root.post('/v1/users').send({ username: 'reg2', password: 'reg2-password-123', role: 'regulator' }));
  const reg2 = await h.as('reg2');
  const reg3User = await ok(reg2.post('/v1/users').send({ username: 'reg3', role: 'regulator', enroll: true }));
  const second = await ok(root.post(`/v1/users/${reg3User.id}/approve`).send({}));
  await ok(
    client.send('post', '/v1/auth/enroll', null, {
      username: 'reg3',
      firstCode: reg3User.enrollmentCode,
      secondCode: second.enrollmentCode,
      newPassword: 'reg3-password-123',
    }),
  );
  const reg3 = await h.as('reg3');

  // Carriers and their keys.
  const keys: Record<string, { id: string; key: string }> = {};
  for (const code of ['VIETTEL', 'VINAPHONE']) {
    const c = await ok(root.post('/v1/carriers').send({ code, name: code }));
    keys[code] = { id: c.id, key: (await ok(root.post(`/v1/carriers/${c.id}/api-keys`))).key };
  }

  // Organizations and brandnames, each submitted by root and approved by reg2.
  const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông', 'ministry');
  const boTttt = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
  await h.activeBrandname(mic, 'MIC CSKH', 'Tổng đài MIC');
  const vcb = await h.activeOrganization('VCB', 'Ngân hàng TMCP Ngoại thương Việt Nam', 'bank');
  const vcbBrand = await h.activeBrandname(vcb, 'VIETCOMBANK', 'Vietcombank');

  // Agency admins: mic.admin is reg2's, vcb.admin root's.
  await ok(
    reg2.post('/v1/users').send({ username: 'mic.admin', password: 'mic.admin-password-123', role: 'agency_admin', organizationId: mic }),
  );
  await ok(
    root.post('/v1/users').send({ username: 'vcb.admin', password: 'vcb.admin-password-123', role: 'agency_admin', organizationId: vcb }),
  );
  const micAdmin = await h.as('mic.admin');

  // Numbers: root registers (no holding carrier: the second regulator's approval stands for it), reg2 approves.
  const number = async (org: string, brandnameId: string, national: string, allowedOrigins: string[]) => {
    const n = await ok(root.post(`/v1/organizations/${org}/numbers`).send({ number: national, brandnameId, allowedOrigins }));
    await ok(reg2.post(`/v1/numbers/${n.id}/approve`).send({}));
    return n.id as string;
  };
  await number(mic, boTttt, SEED_NUMBERS.A, ['VIETTEL']);
  await number(mic, boTttt, SEED_NUMBERS.B, []);
  await number(vcb, vcbBrand, SEED_NUMBERS.C, ['VINAPHONE']);
  const d = await number(mic, boTttt, SEED_NUMBERS.D, []);
  await ok(reg2.post(`/v1/numbers/${d}/suspend`).send({ reason: 'fraud report' }));
  const e = await number(mic, boTttt, SEED_NUMBERS.E, []);
  await ok(micAdmin.post(`/v1/numbers/${e}/suspend`).send({ reason: 'Dừng khẩn cấp: nghi bị giả mạo' }));
  await ok(
    micAdmin.post(`/v1/organizations/${mic}/numbers`).send({ number: SEED_NUMBERS.F, brandnameId: boTttt, holdingCarrier: 'VIETTEL' }),
  );

  // BCA's onboarding: root invites, root's person applies, reg3 ticks, reg2 approves; G confirmed first, H armed.
  const bca = await ok(root.post('/v1/invitations').send({ organizationCode: 'BCA', organizationName: 'Bộ Công an', kind: 'ministry' }));
  const bcaPassword = 'bca.admin-password-123';
  const app = await ok(
    client.send('post', '/v1/applications', null, {
      invitationToken: bca.token,
      applicant: {
        username: 'bca.admin',
        password: bcaPassword,
        fullName: 'Nguyễn Văn An',
        email: 'an@bocongan.gov.vn',
        phone: '024 3822 6602',
      },
      brandname: { label: 'BO CONG AN', displayName: 'Bộ Công an', callReason: 'Thông báo từ Bộ Công an' },
      numbers: [
        { number: SEED_NUMBERS.G, holdingCarrier: 'VIETTEL' },
        { number: SEED_NUMBERS.H, holdingCarrier: 'VIETTEL' },
      ],
    }),
  );
  const bcaLogin = await ok(client.send('post', '/v1/auth/login', null, { username: 'bca.admin', password: bcaPassword }));
  await ok(client.upload(`/v1/applications/${app.id}/documents`, { token: bcaLogin.accessToken }, { kind: 'decision' }));
  const g = app.numbers.find((n: { number: string }) => n.number === e164(SEED_NUMBERS.G));
  await ok(client.send('post', `/v1/carrier/number-confirmations/${g.id}`, { apiKey: keys.VIETTEL.key }, { decision: 'confirm' }));
  for (const item of ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers']) {
    await ok(reg3.post(`/v1/applications/${app.id}/checklist`).send({ item, checked: true }));
  }
  await ok(reg2.post(`/v1/applications/${app.id}/approve`).send({}));

  const tand = await ok(
    root.post('/v1/invitations').send({ organizationCode: 'TAND', organizationName: 'Tòa án nhân dân tối cao', kind: 'judicial' }),
  );

  // Everyone's tokens, taken last (they stay valid across restores: the user rows come back identical).
  const account = async (username: string, password: string): Promise<Account> => {
    const login = await ok(client.send('post', '/v1/auth/login', null, { username, password }));
    const [row] = await h.ds.query('SELECT id FROM users WHERE username = $1', [username]);
    return { username, id: row.id, password, token: login.accessToken };
  };
  const none = { carrier: null, cli: false, invitationTokens: [], enrollmentHalves: {} };
  const reg3Account = await account('reg3', 'reg3-password-123');
  const holdings: Record<PersonName, Holdings> = {
    root: {
      ...none,
      accounts: [
        await account('root', ROOT.password),
        await account('vcb.admin', 'vcb.admin-password-123'),
        await account('bca.admin', bcaPassword),
      ],
      invitationTokens: [tand.token],
    },
    reg2: {
      ...none,
      accounts: [await account('reg2', 'reg2-password-123'), await account('mic.admin', 'mic.admin-password-123')],
    },
    reg3: { ...none, accounts: [reg3Account] },
    'cli-operator': { ...none, accounts: [], cli: true },
    'carrier-viettel': { ...none, accounts: [], carrier: { id: keys.VIETTEL.id, code: 'VIETTEL', key: keys.VIETTEL.key } },
  };
  return { holdings, armed: new Set([e164(SEED_NUMBERS.H)]), carrierCodes: Object.keys(keys) };
}
