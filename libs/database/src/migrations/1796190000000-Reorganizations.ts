import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reorganizations and rollout status:
 * - `organizations.successor_id` and the terminal status `merged` (a merged organization names its successor);
 * - `reorganizations`: a merge or transfer, reviewed by a second regulator, run once at `effective_at`;
 * - `registry_changes.reorganization`: the hint carriers get on a moved number's change (`movedFrom`);
 * - `branded_answer_counts`: branded answers per organization, carrier and hour, as lookup instances report them;
 * - `carrier_sync_positions`: the registry version each carrier last asked the change feed from.
 */
export class Reorganizations1796190000000 implements MigrationInterface {
  name = 'Reorganizations1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN successor_id uuid NULL REFERENCES organizations (id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_status_check`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_status_check
        CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'revoked', 'merged'))`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_successor_check
        CHECK ((status = 'merged') = (successor_id IS NOT NULL) AND (successor_id IS NULL OR successor_id <> id))`);
    await q.query(`
      CREATE TABLE reorganizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('merge', 'transfer')),
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'scheduled', 'completed', 'cancelled', 'failed')),
        from_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        to_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        to_brandname_id uuid NOT NULL REFERENCES brandnames (id) ON DELETE RESTRICT,
        number_ids uuid[] NULL,
        effective_at timestamptz NOT NULL,
        reason text NOT NULL,
        created_by uuid NULL,
        approved_by uuid NULL,
        approved_at timestamptz NULL,
        cancelled_by uuid NULL,
        completed_at timestamptz NULL,
        moved_numbers int NULL,
        failure_code varchar(32) NULL,
        failure_message text NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_organization_id <> to_organization_id),
        CHECK ((kind = 'transfer') = (number_ids IS NOT NULL))
      )`);
    // The scheduler's query: what is due, oldest first.
    await q.query(`CREATE INDEX reorganizations_due_idx ON reorganizations (effective_at) WHERE status = 'scheduled'`);
    await q.query(`ALTER TABLE registry_changes ADD COLUMN reorganization jsonb NULL`);
    await q.query(`
      CREATE TABLE branded_answer_counts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        carrier_code varchar(32) NOT NULL,
        hour timestamptz NOT NULL,
        answers bigint NOT NULL CHECK (answers > 0),
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, carrier_code, hour)
      )`);
    await q.query(`CREATE INDEX branded_answer_counts_hour_idx ON branded_answer_counts (hour)`);
    await q.query(`
      CREATE TABLE carrier_sync_positions (
        carrier_code varchar(32) PRIMARY KEY,
        synced_version bigint NOT NULL CHECK (synced_version >= 0),
        reported_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_sync_positions`);
    await q.query(`DROP TABLE branded_answer_counts`);
    await q.query(`ALTER TABLE registry_changes DROP COLUMN reorganization`);
    await q.query(`DROP TABLE reorganizations`);
    // A merged organization cannot be expressed before this migration: it ends revoked (it answers nothing either way).
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_successor_check`);
    await q.query(`UPDATE organizations SET status = 'revoked' WHERE status = 'merged'`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_status_check`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_status_check
        CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'revoked'))`);
    await q.query(`ALTER TABLE organizations DROP COLUMN successor_id`);
  }
}
