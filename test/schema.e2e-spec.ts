import { DataSource } from 'typeorm';
import { resetDatabase, testDataSource } from './support/database';

/** Rules the database itself enforces, whatever the code above it does. */
describe('registry schema', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
  });
  afterAll(() => ds.destroy());

  async function org(code: string, status = 'active'): Promise<string> {
    const [row] = await ds.query(`INSERT INTO organizations (code, name, kind, status) VALUES ($1, $2, 'ministry', $3) RETURNING id`, [
      code,
      `Tổ chức ${code}`,
      status,
    ]);
    return row.id;
  }

  async function brandname(orgId: string, label: string, status = 'pending'): Promise<string> {
    const [row] = await ds.query(
      `INSERT INTO brandnames (organization_id, label, label_key, display_name, display_name_ascii, status)
       VALUES ($1, $2::varchar, upper($2::varchar), $2::varchar, $2::varchar, $3) RETURNING id`,
      [orgId, label, status],
    );
    return row.id;
  }

  it('keeps live labels unique ignoring case, but frees a rejected one', async () => {
    const a = await org('SCHEMA_A');
    const b = await org('SCHEMA_B');
    await brandname(a, 'BO TTTT', 'active');
    await expect(brandname(b, 'bo tttt')).rejects.toMatchObject({ code: '23505' });
    await brandname(b, 'OTHER', 'rejected');
    await expect(brandname(a, 'other')).resolves.toBeDefined();
  });

  it('keeps one live row per number and one claim per organization; final rows hold nothing', async () => {
    const o = await org('SCHEMA_C');
    const other = await org('SCHEMA_C2');
    const bn = await brandname(o, 'SCHEMA C');
    const bn2 = await brandname(other, 'SCHEMA C2');
    const insert = (orgId: string, brandnameId: string, status: string) =>
      ds.query(
        `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id, status)
         VALUES ('+842439437142', 'fixed_line', $1, $2, $3)`,
        [orgId, brandnameId, status],
      );
    await insert(o, bn, 'revoked');
    await insert(o, bn, 'rejected');
    await insert(o, bn, 'active');
    await expect(insert(o, bn, 'pending')).rejects.toMatchObject({ code: '23505' }); // one claim per organization
    await insert(other, bn2, 'pending'); // a competing claim elsewhere
    const third = await org('SCHEMA_C3');
    const bn3 = await brandname(third, 'SCHEMA C3');
    await expect(insert(third, bn3, 'suspended')).rejects.toMatchObject({ code: '23505' }); // one live row per number
  });

  it('refuses a number that is not E.164 for Vietnam', async () => {
    const o = await org('SCHEMA_D');
    const bn = await brandname(o, 'SCHEMA D');
    await expect(
      ds.query(
        `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id) VALUES ('02439437142', 'fixed_line', $1, $2)`,
        [o, bn],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await ds.query(
      `INSERT INTO audit_events (seq, occurred_at, action, entity_type, prev_hash, hash) VALUES (1, now(), 'test', 'test', '', 'h')`,
    );
    await expect(ds.query(`UPDATE audit_events SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM audit_events`);
    expect(count).toBe(1);
  });

  it('keeps a single registry version row', async () => {
    await expect(ds.query(`INSERT INTO registry_state (id, version, retained_from) VALUES (2, 0, 0)`)).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('answers concurrent queries on many connections each with its own result', async () => {
    // Regression: the embedded server once interleaved one connection's Parse/Bind with another's.
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => ds.query('SELECT $1::int AS v, pg_sleep(0) AS s', [i])));
    expect(results.map((r) => r[0].v)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});
