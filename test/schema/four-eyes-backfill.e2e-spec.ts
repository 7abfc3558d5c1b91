import { DataSource } from 'typeorm';
import { runMigrations } from '../../libs/database/src/migrations-runner';
import { resetDatabase, testDataSource } from '../support/database';

/**
 * Upgrading a registry that ran before the four-eyes facts were kept: the migration FourEyesBetweenPeople
 * recovers who controls each account from what was recorded (creators, invitations, the audit log of resets and
 * CLI creations), records the bootstrap once, and freezes the authors of what is pending, so that nothing pending
 * is ever read as "nobody took part".
 */
const MIGRATION = 'FourEyesBetweenPeople1796230000000';

describe(`the four-eyes back-fill (${process.env.TEST_DATABASE_KIND} database)`, () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
    await resetDatabase(ds);
  });
  afterAll(async () => {
    await resetDatabase(ds);
    await ds.destroy();
  });

  it('recovers control facts, the bootstrap and the authors of pending work from an older registry', async () => {
    // Back to the schema before the migration (and any after it).
    while ((await ds.query(`SELECT 1 FROM schema_migrations WHERE name = $1`, [MIGRATION])).length > 0) {
      await ds.undoLastMigration({ transaction: 'all' });
    }
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const user = async (
      username: string,
      role: string,
      createdBy: string | null,
      status = 'active',
      organizationId: string | null = null,
    ) =>
      (
        await ds.query(
          `INSERT INTO users (username, password_hash, role, status, created_by, organization_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [username, hash, role, status, createdBy, organizationId],
        )
      )[0].id as string;
    const audit = async (seq: number, action: string, entityId: string, actorId: string | null, actorLabel: string | null = null) =>
      ds.query(
        `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, actor_label, action, entity_type, entity_id, request_id, prev_hash, hash)
         VALUES ($1, now(), $2, $3, $4, $5, 'user', $6, 'r', $7, $8)`,
        [seq, actorId, actorLabel ? 'system' : 'regulator', actorLabel, action, entityId, '0'.repeat(64), String(seq).padStart(64, '0')],
      );
    const root = await user('root', 'regulator', null);
    const reg2 = await user('reg2', 'regulator', root);
    await audit(1, 'user.create_bootstrap_pair', reg2, root);
    const [org] = await ds.query(
      `INSERT INTO organizations (code, name, kind, status) VALUES ('MIC', 'Bộ TT&TT', 'ministry', 'active') RETURNING id`,
    );
    const admin = await user('mic.admin', 'agency_admin', root, 'active', org.id);
    const shelled = await user('cli.reg', 'regulator', null, 'pending');
    await audit(2, 'user.create_out_of_band', shelled, null, 'cli:ops');
    await audit(3, 'user.reset_password', admin, reg2);
    const [b] = await ds.query(
      `INSERT INTO brandnames (organization_id, label, label_key, display_name, display_name_ascii, status) VALUES ($1, 'BO TTTT', 'BO TTTT', 'Bộ TT&TT', 'Bo TT&TT', 'active') RETURNING id`,
      [org.id],
    );
    const [n] = await ds.query(
      `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id, status, submitted_by, last_changed_by)
       VALUES ('+842439437142', 'fixed_line', $1, $2, 'pending', $3, $3) RETURNING id`,
      [org.id, b.id, admin],
    );

    await runMigrations(ds);

    const controls = await ds.query(
      `SELECT u.username, c.controller, c.kind FROM account_controls c JOIN users u ON u.id = c.account_id ORDER BY u.username, c.kind`,
    );
    expect(controls).toEqual([
      { username: 'cli.reg', controller: 'cli:ops', kind: 'created_with_password' },
      { username: 'mic.admin', controller: `user:${root}`, kind: 'created_with_password' },
      { username: 'mic.admin', controller: `user:${reg2}`, kind: 'reset_password' },
      { username: 'reg2', controller: `user:${root}`, kind: 'installation' },
      { username: 'root', controller: 'system:first-start', kind: 'installation' },
    ]);
    expect(await ds.query(`SELECT first_regulator_id, second_regulator_id FROM registry_bootstrap`)).toEqual([
      { first_regulator_id: root, second_regulator_id: reg2 },
    ]);
    // The pending number's author, with its controllers as they are now: root created it, reg2 reset it.
    const [{ review_authors: authors }] = await ds.query(`SELECT review_authors FROM caller_numbers WHERE id = $1`, [n.id]);
    expect(authors).toEqual([
      expect.objectContaining({
        act: 'submitted',
        principal: `user:${admin}`,
        role: 'agency_admin',
        controllers: [`user:${admin}`, `user:${reg2}`, `user:${root}`].sort(),
      }),
    ]);
    const [{ review_authors: pendingAccount }] = await ds.query(`SELECT review_authors FROM users WHERE id = $1`, [shelled]);
    expect(pendingAccount).toEqual([expect.objectContaining({ act: 'account', controllers: ['cli:ops', `user:${shelled}`] })]);
  });
});
