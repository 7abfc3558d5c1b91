import request from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/** A minimal but real PDF: its first bytes are what the registry checks. */
export const DECISION_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

export const APPLICANT_PASSWORD = 'bca-admin-password-123';

/** Carriers with live keys, created by root. */
export async function carriersWithKeys(h: RegistryHarness, codes: string[]): Promise<Record<string, string>> {
  const root = await h.as(ROOT.username);
  const keys: Record<string, string> = {};
  for (const code of codes) {
    const c = await root.post('/v1/carriers').send({ code, name: code }).expect(201);
    keys[code] = (await root.post(`/v1/carriers/${c.body.id}/api-keys`).expect(201)).body.key;
  }
  return keys;
}

/** `kind`: what kind of body it is, which decides the protected state names it may use (a procuracy's VKSND...). */
export async function invite(
  h: RegistryHarness,
  code: string,
  name: string,
  by = ROOT.username,
  kind = 'ministry',
): Promise<{ id: string; token: string }> {
  const res = await (await h.as(by)).post('/v1/invitations').send({ organizationCode: code, organizationName: name, kind }).expect(201);
  return res.body;
}

export function applicationBody(token: string, numbers: Array<{ number: string; holdingCarrier: string }>, over: object = {}) {
  return {
    invitationToken: token,
    applicant: {
      username: 'bca.admin',
      password: APPLICANT_PASSWORD,
      fullName: 'Nguyễn Văn An',
      email: 'an.nguyen@bocongan.gov.vn',
      phone: '024 3822 6602',
    },
    brandname: { label: 'BO CONG AN', displayName: 'Bộ Công an', callReason: 'Thông báo từ Bộ Công an' },
    numbers,
    ...over,
  };
}

export function carrier(h: RegistryHarness, key: string) {
  const agent = request(h.app.getHttpServer());
  return {
    get: (url: string) => agent.get(url).set('X-Api-Key', key),
    post: (url: string) => agent.post(url).set('X-Api-Key', key),
  };
}
