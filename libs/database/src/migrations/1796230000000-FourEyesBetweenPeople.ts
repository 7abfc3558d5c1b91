import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes between people, not accounts:
 * - `account_controls` (append-only): who can act as each account: whoever created it with a password they chose
 *   or saw, reset it, or issued the invitation whose token created it, and the CLI's operator (`cli:<os-user>`) for
 *   what it created or reset. `installation` facts (the first regulator, the bootstrap pair) are recorded, not
 *   counted. Back-filled from users.created_by, the applications' invitations and the audit log.
 * - `registry_bootstrap` (append-only, one row): the bootstrap happened, once; never re-armed.
 * - `review_authors` on every reviewable row: the authors of the change under review with their role, status and
 *   controllers frozen when it was submitted (back-filled for what is pending now, from today's facts).
 * - `users.enrollment_*`: an account whose holder sets its own password with a two-part code (half from its
 *   creator, half from its approver), so that no single person ever knew it; only the halves' SHA-256 are kept.
 * - `revisions.kind`: `reinstate` is a requested reinstatement waiting for a second person, beside the item's
 *   `change` revision (one pending of each kind per item).
 */
export class FourEyesBetweenPeople1796230000000 implements MigrationInterface {
  name = 'FourEyesBetweenPeople1796230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TABLE account_controls (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        controller varchar(80) NOT NULL CHECK (controller ~ '^(user|cli|system):.+'),
        kind varchar(24) NOT NULL
          CHECK (kind IN ('created_with_password', 'reset_password', 'invitation', 'enrollment_share', 'installation')),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_controls_account_idx ON account_controls (account_id)`);
    await q.query(`
      CREATE TABLE registry_bootstrap (
        id smallint PRIMARY KEY CHECK (id = 1),
        first_regulator_id uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        second_regulator_id uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        recorded_by varchar(80) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['account_controls', 'registry_bootstrap']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
                       FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                       FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change()`);
    }
    for (const table of REVIEWED_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN review_authors jsonb NOT NULL DEFAULT '[]'`);
    }
    await q.query(`ALTER TABLE users ADD COLUMN enrollment_first_hash varchar(64) NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN enrollment_second_hash varchar(64) NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN enrollment_expires_at timestamptz NULL`);
    await q.query(`ALTER TABLE revisions ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'reinstate'))`);
    await q.query(`ALTER TABLE revisions ADD COLUMN reason text NULL`);
    await q.query(`DROP INDEX revisions_pending_key`);
    await q.query(`CREATE UNIQUE INDEX revisions_pending_key ON revisions (entity_type, entity_id, kind) WHERE status = 'pending'`);
    await backfillControls(q);
    await backfillAuthors(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM revisions WHERE kind = 'reinstate'`);
    await q.query(`DROP INDEX revisions_pending_key`);
    await q.query(`CREATE UNIQUE INDEX revisions_pending_key ON revisions (entity_type, entity_id) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE revisions DROP COLUMN reason`);
    await q.query(`ALTER TABLE revisions DROP COLUMN kind`);
    for (const table of REVIEWED_TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN review_authors`);
    for (const c of ['enrollment_first_hash', 'enrollment_second_hash', 'enrollment_expires_at'])
      await q.query(`ALTER TABLE users DROP COLUMN ${c}`);
    await q.query(`DROP TABLE registry_bootstrap`);
    await q.query(`DROP TABLE account_controls`);
    await q.query(`DROP FUNCTION append_only_refuse_change()`);
  }
}

const REVIEWED_TABLES = ['organizations', 'brandnames', 'caller_numbers', 'revisions', 'users', 'applications', 'reorganizations'];

/** Control facts of the accounts that exist, from what the registry recorded before it kept them. */
async function backfillControls(q: QueryRunner): Promise<void> {
  // The bootstrap pair: recorded as an installation fact (trusted once, not counted).
  await q.query(`
    INSERT INTO account_controls (account_id, controller, kind, recorded_at)
    SELECT u.id, 'user:' || u.created_by,
           CASE WHEN EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'user.create_bootstrap_pair' AND e.entity_id = u.id::text)
                THEN 'installation' ELSE 'created_with_password' END,
           u.created_at
      FROM users u WHERE u.created_by IS NOT NULL`);
  await q.query(`
    INSERT INTO account_controls (account_id, controller, kind, recorded_at)
    SELECT a.applicant_id, 'user:' || i.created_by, 'invitation', a.created_at
      FROM applications a JOIN invitations i ON i.id = a.invitation_id`);
  // The CLI's creations and every reset, from the audit log (a system actor has a label and no id).
  await q.query(`
    INSERT INTO account_controls (account_id, controller, kind, recorded_at)
    SELECT u.id, COALESCE(e.actor_label, 'user:' || e.actor_id),
           CASE WHEN e.action = 'user.create_out_of_band' THEN 'created_with_password' ELSE 'reset_password' END,
           e.occurred_at
      FROM audit_events e JOIN users u ON u.id::text = e.entity_id
     WHERE e.action IN ('user.create_out_of_band', 'user.reset_password', 'user.reset_password_out_of_band')
       AND (e.actor_label IS NOT NULL OR e.actor_id IS NOT NULL)
       AND NOT (e.action = 'user.create_out_of_band' AND e.actor_label IS NULL AND u.created_by IS NOT NULL)`);
  // The first regulator, made at the registry's first start: its installer.
  await q.query(`
    INSERT INTO account_controls (account_id, controller, kind, recorded_at)
    SELECT u.id, 'system:first-start', 'installation', u.created_at FROM users u
     WHERE u.role = 'regulator' AND u.created_by IS NULL
       AND NOT EXISTS (SELECT 1 FROM account_controls c WHERE c.account_id = u.id)
       AND u.created_at = (SELECT min(created_at) FROM users)`);
  const [{ count }] = await q.query(`SELECT count(*)::int AS count FROM users WHERE role = 'regulator'`);
  if (count >= 2) {
    await q.query(`
      INSERT INTO registry_bootstrap (id, first_regulator_id, second_regulator_id, recorded_by)
      SELECT 1, (SELECT id FROM users WHERE role = 'regulator' ORDER BY created_at, id LIMIT 1),
             (SELECT u.id FROM audit_events e JOIN users u ON u.id::text = e.entity_id
               WHERE e.action = 'user.create_bootstrap_pair' ORDER BY e.seq LIMIT 1),
             'system:migration'`);
  }
}

interface Party {
  principal: string;
  role: string | null;
  status: string | null;
  controllers: string[];
}

/** The authors of what is pending today, with the facts as they are now (nothing older was kept). */
async function backfillAuthors(q: QueryRunner): Promise<void> {
  const facts: Array<{ account_id: string; controller: string }> = await q.query(
    `SELECT account_id, controller FROM account_controls WHERE kind <> 'installation'`,
  );
  const users = new Map<string, { role: string; status: string }>(
    (await q.query(`SELECT id, role, status FROM users`)).map((u: { id: string; role: string; status: string }) => [u.id, u]),
  );
  const byAccount = new Map<string, string[]>();
  for (const f of facts) byAccount.set(f.account_id, [...(byAccount.get(f.account_id) ?? []), f.controller]);
  const party = (id: string): Party => {
    const seen = new Set([`user:${id}`]);
    const queue = [`user:${id}`];
    while (queue.length) {
      const p = queue.shift()!;
      for (const c of p.startsWith('user:') ? (byAccount.get(p.slice(5)) ?? []) : []) {
        if (seen.has(c)) continue;
        seen.add(c);
        queue.push(c);
      }
    }
    const u = users.get(id);
    return { principal: `user:${id}`, role: u?.role ?? null, status: u?.status ?? null, controllers: [...seen].sort() };
  };
  const at = new Date().toISOString();
  const authors = (pairs: Array<[string, string | null]>) => {
    const seen = new Set<string>();
    return pairs.filter(([, id]) => id && !seen.has(`${id}`) && seen.add(`${id}`)).map(([act, id]) => ({ act, ...party(id!), at }));
  };
  const write = async (table: string, id: string, list: unknown[]) =>
    q.query(`UPDATE ${table} SET review_authors = $2 WHERE id = $1`, [id, JSON.stringify(list)]);

  for (const table of ['organizations', 'brandnames', 'caller_numbers']) {
    const rows = await q.query(`SELECT id, submitted_by, last_changed_by FROM ${table} WHERE status = 'pending'`);
    for (const r of rows)
      await write(
        table,
        r.id,
        authors([
          ['submitted', r.submitted_by],
          ['edited', r.last_changed_by],
        ]),
      );
  }
  for (const r of await q.query(`SELECT id, submitted_by FROM revisions WHERE status = 'pending'`)) {
    await write('revisions', r.id, authors([['submitted', r.submitted_by]]));
  }
  for (const r of await q.query(`SELECT id, created_by, status_changed_by FROM users WHERE status = 'pending'`)) {
    await write(
      'users',
      r.id,
      authors([
        ['account', r.id],
        ['changed_account', r.status_changed_by ?? r.created_by],
      ]),
    );
  }
  for (const r of await q.query(`SELECT id, created_by FROM reorganizations WHERE status = 'pending'`)) {
    await write('reorganizations', r.id, authors([['submitted', r.created_by]]));
  }
  const apps = await q.query(
    `SELECT a.id, a.applicant_id, a.checklist, i.created_by FROM applications a JOIN invitations i ON i.id = a.invitation_id
      WHERE a.status IN ('submitted', 'changes_requested')`,
  );
  for (const a of apps) {
    const tickers = (a.checklist as Array<{ by: string | null }>).map((e): [string, string | null] => ['ticked_checklist', e.by]);
    await write('applications', a.id, authors([['submitted', a.applicant_id], ['invited', a.created_by], ...tickers]));
  }
}
