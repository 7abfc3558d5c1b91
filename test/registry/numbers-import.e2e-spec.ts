import type { Response } from 'supertest';
import { tryParsePhoneNumber } from '../../libs/domain/src/phone-number';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * CSV import of numbers: a per-row report, a dry run that writes nothing, strict headers, formula cells,
 * a 100,000-row file, and two overlapping files imported at once.
 */

type Client = Awaited<ReturnType<RegistryHarness['as']>>;

const HEADER = 'number,label,direction,allowedOrigins,validFrom,validTo';

let h: RegistryHarness;
let root: Client;
let admin: Client;
let orgId: string;
let importUrl: string;

function upload(client: Client, csv: string | Buffer, query = ''): Promise<Response> {
  return client
    .post(`${importUrl}${query}`)
    .attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), { filename: 'numbers.csv', contentType: 'text/csv' });
}

function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toEqual(
    expect.objectContaining({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) }),
  );
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n;
}

const numbersOf = (prefix: string) => count(`caller_numbers WHERE e164 LIKE $1`, [`+84${prefix.slice(1)}%`]);
const e164 = (national: string) => `+84${national.slice(1)}`;

/** `n` distinct national mobile numbers: prefix, then a counter padded to 10 digits in all. */
function numberRange(prefix: string, from: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(from + i).padStart(10 - prefix.length, '0')}`);
}

beforeAll(async () => {
  h = await RegistryHarness.start();
  root = await h.as(ROOT.username);
  await h.createUser('reg2', 'regulator');
  await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  orgId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông', 'ministry');
  const brandnameId = await h.activeBrandname(orgId, 'BO TTTT', 'Bộ TT&TT');
  // The CSV rules are the same for every role; an agency admin's must also name each holdingCarrier, which
  // test/onboarding/holding-rules.e2e-spec.ts covers. Here a regulator uploads (it may leave the carrier out).
  admin = await h.as('reg2');
  importUrl = `/v1/organizations/${orgId}/numbers/import`;
  // Registered before any import: its row must come back as already registered.
  await root.post(`/v1/organizations/${orgId}/numbers`).send({ number: '0914000010', brandnameId }).expect(201);
});
afterAll(() => h.stop());

describe('the per-row report', () => {
  const csv = [
    HEADER, //                                                      line 1
    '0914000001,BO TTTT,outbound,VIETTEL,2027-01-01T00:00:00+07:00,2028-01-01T00:00:00+07:00', // 2 accepted
    '12345,BO TTTT,,,,', //                                          3 invalid number
    '0914000002,NOPE,,,,', //                                        4 unknown label
    '0914000003,bo tttt,inbound_only,,,', //                         5 accepted (labels ignore case)
    '+84 914 000 001,BO TTTT,,,,', //                                6 the number of line 2 again
    '0914000010,BO TTTT,,,,', //                                     7 registered already
    '0914000004,BO TTTT,sideways,,,', //                             8 bad direction
    '0914000005,BO TTTT,,VIETTEL;MOBIFONE,,', //                     9 unknown origin
    '0914000006,BO TTTT,,,01/02/2027,', //                           10 not an ISO date
    '0914000007,BO TTTT,,,2027-02-30T00:00:00Z,', //                 11 no such day
    '0914000008,BO TTTT,,,2028-01-01T00:00:00Z,2027-01-01T00:00:00Z', // 12 ends before it starts
    '"0914 000 009",BO TTTT,outbound,VIETTEL|INTERNATIONAL,,', //    13 accepted
  ].join('\n');

  const rejected = [
    { line: 3, input: '12345,BO TTTT,,,,', error: { code: 'INVALID_NUMBER', message: '"12345" is not a valid Vietnamese phone number' } },
    { line: 4, input: '0914000002,NOPE,,,,', error: { code: 'NOT_FOUND', message: 'No brandname with label "NOPE" in this organization' } },
    {
      line: 6,
      input: '+84 914 000 001,BO TTTT,,,,',
      error: { code: 'DUPLICATE_NUMBER', message: '+84914000001 appears twice in the file' },
    },
    { line: 7, input: '0914000010,BO TTTT,,,,', error: { code: 'DUPLICATE_NUMBER', message: '+84914000010 is already registered' } },
    {
      line: 8,
      input: '0914000004,BO TTTT,sideways,,,',
      error: { code: 'VALIDATION_FAILED', message: 'direction must be one of outbound, inbound_only' },
    },
    {
      line: 9,
      input: '0914000005,BO TTTT,,VIETTEL;MOBIFONE,,',
      error: { code: 'INVALID_ORIGIN', message: 'Unknown carrier code(s) in allowedOrigins: MOBIFONE' },
    },
    {
      line: 10,
      input: '0914000006,BO TTTT,,,01/02/2027,',
      error: {
        code: 'VALIDATION_FAILED',
        message: 'validFrom must be an ISO 8601 date and time with an offset, such as 2027-01-31T00:00:00+07:00 or 2027-01-30T17:00:00Z',
      },
    },
    {
      line: 11,
      input: '0914000007,BO TTTT,,,2027-02-30T00:00:00Z,',
      error: { code: 'VALIDATION_FAILED', message: 'validFrom is not a real date' },
    },
    {
      line: 12,
      input: '0914000008,BO TTTT,,,2028-01-01T00:00:00Z,2027-01-01T00:00:00Z',
      error: { code: 'VALIDATION_FAILED', message: 'validTo must be after validFrom' },
    },
  ];

  it('a dry run gives the full report and writes nothing', async () => {
    const numbersBefore = await count('caller_numbers');
    const auditBefore = await count('audit_events');
    const res = await upload(admin, csv, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 12, accepted: 3, rejected: 9, dryRun: true, rows: rejected });
    expect(await count('caller_numbers')).toBe(numbersBefore);
    expect(await count('audit_events')).toBe(auditBefore);
  });

  it('the import gives the same report, with lines counted from the header as line 1, and writes the accepted rows', async () => {
    const before = await count('caller_numbers');
    const res = await upload(admin, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 12, accepted: 3, rejected: 9, dryRun: false, rows: rejected });
    expect(await count('caller_numbers')).toBe(before + 3);

    const rows = await h.ds.query(
      `SELECT e164, direction, allowed_origins, valid_from, valid_to, status, organization_id FROM caller_numbers
        WHERE e164 LIKE '+8491400000%' ORDER BY e164`,
    );
    expect(rows.map((r: { e164: string }) => r.e164)).toEqual(['+84914000001', '+84914000003', '+84914000009']);
    expect(rows[0]).toMatchObject({ direction: 'outbound', allowed_origins: ['VIETTEL'], status: 'pending', organization_id: orgId });
    // Midnight in Vietnam, whatever the server's time zone.
    expect(rows[0].valid_from.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(rows[0].valid_to.toISOString()).toBe('2027-12-31T17:00:00.000Z');
    expect(rows[1]).toMatchObject({ direction: 'inbound_only', allowed_origins: [], valid_from: null });
    expect(rows[2].allowed_origins).toEqual(['INTERNATIONAL', 'VIETTEL']);

    const [event] = (await root.get(`/v1/audit-events?entityId=${orgId}&limit=1`)).body.items;
    expect(event).toMatchObject({ action: 'number.import', entityType: 'organization', after: { total: 12, accepted: 3, rejected: 9 } });
  });

  it('the same file again: every row that was accepted is now registered already', async () => {
    const res = await upload(admin, csv, '?dryRun=true');
    expect(res.body.accepted).toBe(0);
    const lines = res.body.rows.filter((r: { error: { message: string } }) => r.error.message.endsWith('is already registered'));
    expect(lines.map((r: { line: number }) => r.line)).toEqual([2, 5, 7, 13]);
  });

  it('a Windows (CRLF, BOM) file with blank lines reports clean inputs and true line numbers', async () => {
    const windows = `\ufeffnumber,label\r\n0914000020,BO TTTT\r\n\r\n12345,BO TTTT\r\n   \r\n0914000021,NOPE\r\n`;
    const res = await upload(admin, windows, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 3,
      accepted: 1,
      rejected: 2,
      dryRun: true,
      rows: [
        { line: 4, input: '12345,BO TTTT', error: { code: 'INVALID_NUMBER', message: '"12345" is not a valid Vietnamese phone number' } },
        { line: 6, input: '0914000021,NOPE', error: { code: 'NOT_FOUND', message: 'No brandname with label "NOPE" in this organization' } },
      ],
    });
  });
});

describe('what is not an import', () => {
  it.each([
    ['a misnamed column', 'phone,label\n0914000030,BO TTTT\n'],
    ['an unknown column', 'number,label,colour\n0914000030,BO TTTT,red\n'],
    ['no label column', 'number\n0914000030\n'],
    ['a repeated column', 'number,label,label\n0914000030,BO TTTT,BO TTTT\n'],
    ['no header at all (an empty file)', ''],
  ])('%s is 400 VALIDATION_FAILED, and nothing is written', async (_why, csv) => {
    const before = { numbers: await count('caller_numbers'), audit: await count('audit_events') };
    const res = await upload(admin, csv);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toContain(HEADER);
    expect({ numbers: await count('caller_numbers'), audit: await count('audit_events') }).toEqual(before);
  });

  it('no file is 400 VALIDATION_FAILED', async () => {
    const res = await admin.post(importUrl);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toContain('"file"');
    const wrongField = await admin.post(importUrl).attach('upload', Buffer.from(`${HEADER}\n`), 'numbers.csv');
    expectError(wrongField, 400, 'VALIDATION_FAILED');
  });

  it('a malformed CSV (unterminated quote) is 400 VALIDATION_FAILED', async () => {
    const res = await upload(admin, 'number,label\n"0914000031,BO TTTT\n');
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('spreadsheet formulas', () => {
  it('a formula in the number column is INVALID_NUMBER and nothing of it is stored', async () => {
    const csv = [
      'number,label',
      '"=HYPERLINK(""http://evil"")",BO TTTT',
      '=1+2,BO TTTT',
      '@SUM(A1),BO TTTT',
      '"=cmd|\' /C calc\'!A0",BO TTTT',
    ].join('\n');
    const before = await count('caller_numbers');
    const res = await upload(admin, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, accepted: 0, rejected: 4 });
    expect(res.body.rows.map((r: { line: number; error: { code: string } }) => `${r.line} ${r.error.code}`)).toEqual([
      '2 INVALID_NUMBER',
      '3 INVALID_NUMBER',
      '4 INVALID_NUMBER',
      '5 INVALID_NUMBER',
    ]);
    expect(res.body.rows[0].error.message).toBe('"=HYPERLINK(\\"http://evil\\")" is not a valid Vietnamese phone number');

    expect(await count('caller_numbers')).toBe(before);
    expect(await count(`caller_numbers WHERE e164 !~ '^\\+84[0-9]+$' OR coalesce(evidence, '') ~ '^[=@+-]'`)).toBe(0);
    const stored =
      JSON.stringify(await h.ds.query(`SELECT * FROM audit_events`)) + JSON.stringify(await h.ds.query(`SELECT * FROM caller_numbers`));
    expect(stored).not.toMatch(/HYPERLINK|evil|cmd\|/);
  });
});

describe('a 100,000-row file', () => {
  it('imports every row', async () => {
    const numbers = numberRange('090', 0, 100_000);
    expect(numbers.filter((n) => tryParsePhoneNumber(n)?.type !== 'mobile')).toEqual([]);
    const csv = `number,label\n${numbers.map((n) => `${n},BO TTTT`).join('\n')}\n`;

    const started = Date.now();
    const res = await upload(admin, csv);
    const seconds = (Date.now() - started) / 1000;
    console.log(`100,000-row import (${process.env.TEST_DATABASE_KIND ?? 'unknown'} database): ${seconds.toFixed(1)} s`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 100_000, accepted: 100_000, rejected: 0, dryRun: false, rows: [] });
    expect(await numbersOf('090')).toBe(100_000);
    expect(await count(`caller_numbers WHERE e164 LIKE '+8490%' AND (status <> 'pending' OR organization_id <> $1)`, [orgId])).toBe(0);
    const page = await root.get(`/v1/organizations/${orgId}/numbers?status=pending&page=2&pageSize=500`).expect(200);
    expect(page.body.items).toHaveLength(500);
    expect(page.body.total).toBeGreaterThanOrEqual(100_000);
  }, 120_000);
});

describe('two overlapping files imported at once', () => {
  it('stores each number once and loses no row, whatever order the rows come in', async () => {
    // A: 0916 000 000..0916 019 999 ascending; B: 0916 005 000..0916 024 999 descending; 15,000 in common.
    // Large enough for the two transactions to meet while inserting, in opposite orders.
    const a = numberRange('0916', 0, 20_000);
    const b = numberRange('0916', 5_000, 20_000).reverse();
    const distinct = 25_000;
    const file = (numbers: string[]) => `number,label\n${numbers.map((n) => `${n},BO TTTT`).join('\n')}\n`;

    const [ra, rb] = await Promise.all([upload(admin, file(a)), upload(root, file(b))]);
    expect([ra.status, ra.body.code, rb.status, rb.body.code]).toEqual([200, undefined, 200, undefined]);

    const refusedOf = (res: Response) => {
      const refused = new Set<string>();
      for (const row of res.body.rows) {
        const national = row.input.split(',')[0];
        expect(row.error).toEqual({ code: 'DUPLICATE_NUMBER', message: `${e164(national)} is already registered` });
        refused.add(national);
      }
      return refused;
    };
    const [refusedA, refusedB] = [refusedOf(ra), refusedOf(rb)];
    const acceptedA = a.filter((n) => !refusedA.has(n));
    const acceptedB = b.filter((n) => !refusedB.has(n));
    expect(ra.body.accepted).toBe(acceptedA.length);
    expect(rb.body.accepted).toBe(acceptedB.length);
    expect(ra.body.accepted + rb.body.accepted).toBe(distinct);
    const union = new Set([...acceptedA, ...acceptedB]);
    expect(union.size).toBe(distinct);

    expect(await numbersOf('0916')).toBe(distinct);
    const stored = await h.ds.query(`SELECT e164 FROM caller_numbers WHERE e164 LIKE '+84916%'`);
    expect(new Set(stored.map((r: { e164: string }) => r.e164))).toEqual(new Set([...union].map(e164)));
    expect(await h.ds.query(`SELECT e164 FROM caller_numbers GROUP BY e164 HAVING count(*) > 1`)).toEqual([]);
  }, 60_000);
});

describe('rows with the wrong number of fields', () => {
  it('reports each such row and still imports the rest', async () => {
    const csv = [HEADER, '0914000101,BO TTTT', '0914000102,BO TTTT,outbound,,,,extra', '0914000103,BO TTTT,,,,'].join('\n');
    const res = await upload(admin, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, accepted: 1, rejected: 2 });
    expect(res.body.rows.map((r: { line: number; error: { code: string } }) => [r.line, r.error.code])).toEqual([
      [2, 'VALIDATION_FAILED'],
      [3, 'VALIDATION_FAILED'],
    ]);
    expect(await numbersOf('0914000101')).toBe(0);
    expect(await numbersOf('0914000103')).toBe(1);
  });
});
