import { randomBytes } from 'node:crypto';

/**
 * The pilot's data, seeded through the registry's public HTTP API only (global fetch, no Nest, no database
 * access): exactly what a regulator would do by hand, so every rule (four eyes, name policy, audit) applies.
 *
 *  - regulator2, a second regulator, so that what the first one submits can be approved;
 *  - the seven mobile carriers, each with one API key (returned in clear once);
 *  - MIC (Bộ Thông tin và Truyền thông), approved, with the brandname BO TTTT / Bộ TT&TT, approved, and three
 *    approved numbers: a main line any domestic carrier may originate, a line restricted to three carriers,
 *    and an inbound-only hotline (never places calls, so a call presenting it is spoofed);
 *  - BCA (Bộ Công an), onboarding in progress: organization and brandname BO CONG AN / Bộ Công an, both pending.
 *
 * Used by `demo.ts` (npm run demo) and by test/demo/pilot-seed.e2e-spec.ts.
 */

export interface Credentials {
  username: string;
  password: string;
}

export const PILOT_CARRIERS = [
  { code: 'VIETTEL', name: 'Viettel' },
  { code: 'VINAPHONE', name: 'VinaPhone' },
  { code: 'MOBIFONE', name: 'MobiFone' },
  { code: 'VIETNAMOBILE', name: 'Vietnamobile' },
  { code: 'GMOBILE', name: 'Gmobile' },
  { code: 'ITEL', name: 'Itel' },
  { code: 'REDDI', name: 'Reddi' },
] as const;

export const PILOT_ORGANIZATIONS = {
  mic: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry' },
  bca: { code: 'BCA', name: 'Bộ Công an', kind: 'ministry' },
} as const;

export const PILOT_BRANDNAMES = {
  mic: { label: 'BO TTTT', displayName: 'Bộ TT&TT' },
  bca: { label: 'BO CONG AN', displayName: 'Bộ Công an' },
} as const;

/** MIC's numbers, as an operator would type them; `e164` is what the registry stores and the lookup answers. */
export const PILOT_NUMBERS = {
  main: { number: '024 3943 7142', e164: '+842439437142', direction: 'outbound', allowedOrigins: [] as string[] },
  restricted: {
    number: '024 3822 6580',
    e164: '+842438226580',
    direction: 'outbound',
    allowedOrigins: ['VIETTEL', 'VINAPHONE', 'MOBIFONE'],
  },
  hotline: { number: '1800 1234', e164: '+8418001234', direction: 'inbound_only', allowedOrigins: [] as string[] },
} as const;

export type PilotNumberName = keyof typeof PILOT_NUMBERS;

export type LookupVerdict = 'brand' | 'none' | 'block';

/** The three lookups the demo prints as curl commands (path on the lookup service, expected verdict). */
export const PILOT_DEMO_LOOKUPS: ReadonlyArray<{ name: string; path: string; verdict: LookupVerdict; explanation: string }> = [
  {
    name: 'branded',
    path: '/v1/lookup/02439437142',
    verdict: 'brand',
    explanation: 'A registered MIC number: every network shows "BO TTTT" (or "Bộ TT&TT" on handsets that show Vietnamese).',
  },
  {
    name: 'unbranded',
    path: '/v1/lookup/0912345678',
    verdict: 'none',
    explanation: 'An unregistered number: no brand, the handset shows the bare number.',
  },
  {
    name: 'spoof',
    path: '/v1/lookup/02439437142?origin=INTERNATIONAL',
    verdict: 'block',
    explanation: 'The same MIC number arriving from abroad: the ministry never calls from there, so the call is spoofed.',
  },
];

export interface SeededCarrier {
  code: string;
  name: string;
  id: string;
  /** The key in clear: the registry shows it this once. */
  apiKey: string;
  keyPrefix: string;
}

export interface PilotSeedResult {
  regulators: { submitter: Credentials; approver: Credentials & { id: string } };
  organizations: { mic: string; bca: string };
  brandnames: { mic: string; bca: string };
  /** Caller-number ids, all approved. */
  numbers: Record<PilotNumberName, string>;
  carriers: SeededCarrier[];
  /** Carrier code → API key in clear. */
  carrierKeys: Record<string, string>;
}

export interface PilotSeedOptions {
  /** The second regulator, who approves; default regulator2 with a generated password. */
  approver?: Credentials;
  /** Per-request timeout, default 30 s. */
  requestTimeoutMs?: number;
}

/** A request of the seed that did not get the answer it needed, naming the step. */
export class SeedError extends Error {
  constructor(
    readonly step: string,
    readonly status: number | null,
    readonly code: string | null,
    detail: string,
  ) {
    super(`Seeding the pilot failed at "${step}": ${detail}`);
    this.name = 'SeedError';
  }
}

/**
 * Seeds the pilot on a registry with no data but its bootstrap regulator (`admin`, who submits everything).
 * `registryUrl` is the registry's base URL, with or without the `/v1` prefix (http://localhost:3000/v1).
 */
export async function seedPilot(registryUrl: string, admin: Credentials, options: PilotSeedOptions = {}): Promise<PilotSeedResult> {
  const api = registryApiBase(registryUrl);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const approverCredentials = options.approver ?? { username: 'regulator2', password: randomBytes(12).toString('base64url') };

  const submitter = await RegistrySession.login(api, admin, timeoutMs);
  const approverUser = await submitter.post<{ id: string }>('create the second regulator', '/users', {
    username: approverCredentials.username,
    password: approverCredentials.password,
    role: 'regulator',
  });
  const approver = await RegistrySession.login(api, approverCredentials, timeoutMs);

  // Carriers first: allowedOrigins must name known carriers.
  const carriers: SeededCarrier[] = [];
  for (const c of PILOT_CARRIERS) {
    const carrier = await submitter.post<{ id: string }>(`register carrier ${c.code}`, '/carriers', { code: c.code, name: c.name });
    const key = await submitter.post<{ key: string; prefix: string }>(
      `create the API key of ${c.code}`,
      `/carriers/${carrier.id}/api-keys`,
      {},
    );
    carriers.push({ code: c.code, name: c.name, id: carrier.id, apiKey: key.key, keyPrefix: key.prefix });
  }

  // MIC: submitted by the bootstrap regulator, approved by the second one (four eyes).
  const mic = await submitter.post<{ id: string }>('create organization MIC', '/organizations', PILOT_ORGANIZATIONS.mic);
  await approver.post('approve organization MIC', `/organizations/${mic.id}/approve`, {}, 200);
  const micBrand = await submitter.post<{ id: string }>(
    `submit brandname ${PILOT_BRANDNAMES.mic.label}`,
    `/organizations/${mic.id}/brandnames`,
    PILOT_BRANDNAMES.mic,
  );
  await approver.post(`approve brandname ${PILOT_BRANDNAMES.mic.label}`, `/brandnames/${micBrand.id}/approve`, {}, 200);
  const numbers = {} as Record<PilotNumberName, string>;
  for (const name of Object.keys(PILOT_NUMBERS) as PilotNumberName[]) {
    const n = PILOT_NUMBERS[name];
    const created = await submitter.post<{ id: string }>(`register number ${n.number}`, `/organizations/${mic.id}/numbers`, {
      number: n.number,
      brandnameId: micBrand.id,
      direction: n.direction,
      ...(n.allowedOrigins.length ? { allowedOrigins: n.allowedOrigins } : {}),
      evidence: 'Pilot demo data',
    });
    await approver.post(`approve number ${n.number}`, `/numbers/${created.id}/approve`, {}, 200);
    numbers[name] = created.id;
  }

  // BCA: onboarding in progress, nothing approved yet.
  const bca = await submitter.post<{ id: string }>('create organization BCA', '/organizations', PILOT_ORGANIZATIONS.bca);
  const bcaBrand = await submitter.post<{ id: string }>(
    `submit brandname ${PILOT_BRANDNAMES.bca.label}`,
    `/organizations/${bca.id}/brandnames`,
    PILOT_BRANDNAMES.bca,
  );

  return {
    regulators: { submitter: { ...admin }, approver: { ...approverCredentials, id: approverUser.id } },
    organizations: { mic: mic.id, bca: bca.id },
    brandnames: { mic: micBrand.id, bca: bcaBrand.id },
    numbers,
    carriers,
    carrierKeys: Object.fromEntries(carriers.map((c) => [c.code, c.apiKey])),
  };
}

/** "http://h:3000", "http://h:3000/", "http://h:3000/v1/" → "http://h:3000/v1". */
export function registryApiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

/** A logged-in regulator: JSON requests with its bearer token, failing with a SeedError on any other status. */
class RegistrySession {
  private constructor(
    private readonly api: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  static async login(api: string, who: Credentials, timeoutMs: number): Promise<RegistrySession> {
    const body = await request<{ accessToken: string }>(`log in as ${who.username}`, api, 'POST', '/auth/login', null, who, 200, timeoutMs);
    return new RegistrySession(api, body.accessToken, timeoutMs);
  }

  post<T = unknown>(step: string, path: string, body: unknown, expected = 201): Promise<T> {
    return request<T>(step, this.api, 'POST', path, this.token, body, expected, this.timeoutMs);
  }
}

async function request<T>(
  step: string,
  api: string,
  method: string,
  path: string,
  token: string | null,
  body: unknown,
  expected: number,
  timeoutMs: number,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`${api}${path}`, { method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new SeedError(step, null, null, `${method} ${api}${path}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported as text below
  }
  if (res.status !== expected) {
    const error = parsed as { code?: string; message?: string } | undefined;
    const code = typeof error?.code === 'string' ? error.code : null;
    const message = typeof error?.message === 'string' ? error.message : text.slice(0, 300);
    throw new SeedError(step, res.status, code, `${method} ${path} answered ${res.status}${code ? ` ${code}` : ''}: ${message}`);
  }
  return parsed as T;
}
