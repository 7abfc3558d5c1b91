import { MigrationInterface, QueryRunner } from 'typeorm';

const REVIEWED = ['organizations', 'brandnames', 'caller_numbers'];

/**
 * The review policy's storage:
 * - `revisions`: a reviewed change to a live item waits here (one pending per item) while the approved version
 *   keeps answering lookups;
 * - `status_changed_by`: who made the last status change, so whoever suspended an item cannot reinstate it;
 * - a number's unique slot is held only while it is live (active or suspended): a pending claim no longer blocks
 *   another organization, and a rejected or revoked row frees the number; one claim per organization;
 * - accounts: who created each, and `pending` for a regulator awaiting a second regulator;
 * - brandnames: a regulator's reason for accepting a near look-alike.
 */
export class ReviewPolicy1796160000000 implements MigrationInterface {
  name = 'ReviewPolicy1796160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type varchar(16) NOT NULL CHECK (entity_type IN ('organization', 'brandname', 'number')),
        entity_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        changes jsonb NOT NULL,
        previous jsonb NOT NULL,
        submitted_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid NULL,
        decided_at timestamptz NULL,
        decision_reason text NULL,
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX revisions_pending_key ON revisions (entity_type, entity_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX revisions_entity_idx ON revisions (entity_type, entity_id, created_at)`);

    for (const table of REVIEWED) await q.query(`ALTER TABLE ${table} ADD COLUMN status_changed_by uuid NULL`);
    await q.query(`ALTER TABLE brandnames ADD COLUMN lookalike_override text NULL`);

    await q.query(`DROP INDEX caller_numbers_e164_live_key`);
    await q.query(`CREATE UNIQUE INDEX caller_numbers_e164_live_key ON caller_numbers (e164) WHERE status IN ('active', 'suspended')`);
    await q.query(`
      CREATE UNIQUE INDEX caller_numbers_claim_key ON caller_numbers (organization_id, e164)
        WHERE status IN ('pending', 'active', 'suspended')`);
    await q.query(`CREATE INDEX caller_numbers_e164_idx ON caller_numbers (e164)`);

    await q.query(`ALTER TABLE users ADD COLUMN created_by uuid NULL REFERENCES users(id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('pending', 'active', 'disabled'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The older schema knows neither pending accounts nor competing claims: refuse the first, revoke the second
    // (keeping the live row, else the earliest claim), so its stricter constraints can come back.
    await q.query(`UPDATE users SET status = 'disabled' WHERE status = 'pending'`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled'))`);
    await q.query(`ALTER TABLE users DROP COLUMN created_by`);

    await q.query(`
      UPDATE caller_numbers c SET status = 'revoked', status_reason = 'competing claim (schema downgrade)'
       WHERE c.status <> 'revoked' AND EXISTS (
         SELECT 1 FROM caller_numbers d
          WHERE d.e164 = c.e164 AND d.id <> c.id AND d.status <> 'revoked'
            AND ((d.status IN ('active', 'suspended')) > (c.status IN ('active', 'suspended'))
                 OR ((d.status IN ('active', 'suspended')) = (c.status IN ('active', 'suspended')) AND (d.created_at, d.id) < (c.created_at, c.id))))`);
    await q.query(`DROP INDEX caller_numbers_e164_idx`);
    await q.query(`DROP INDEX caller_numbers_claim_key`);
    await q.query(`DROP INDEX caller_numbers_e164_live_key`);
    await q.query(`CREATE UNIQUE INDEX caller_numbers_e164_live_key ON caller_numbers (e164) WHERE status <> 'revoked'`);

    await q.query(`ALTER TABLE brandnames DROP COLUMN lookalike_override`);
    for (const table of REVIEWED) await q.query(`ALTER TABLE ${table} DROP COLUMN status_changed_by`);
    await q.query(`DROP TABLE revisions`);
  }
}
