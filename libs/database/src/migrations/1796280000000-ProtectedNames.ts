import { MigrationInterface, QueryRunner } from 'typeorm';
// Relative: migrations also run where the @app aliases are not mapped (the test harness's global set-up).
import { PROTECTED_NAMES_SEED_2025 } from '../../../domain/src/protected-names/seed-2025';

const OLD_KINDS = ['ministry', 'judicial', 'bank', 'other'];
/** The kinds as this migration made them (a migration never follows later code). */
const KINDS = [
  ...OLD_KINDS,
  'government',
  'national_assembly',
  'police',
  'court',
  'procuracy',
  'provincial',
  'commune',
  'tax',
  'customs',
  'social_insurance',
  'central_bank',
];
const kindCheck = (kinds: readonly string[]) => `CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/**
 * Protected state names (libs/domain protected-names):
 * - organization and invitation kinds for each state body scams impersonate (police, court, tax...);
 * - `protected_names`: the list in force, seeded once from seed-2025.ts; `removed` rows stay for the record;
 * - `protected_name_proposals`: additions, changes and removals, each decided by a second regulator;
 * - `published_protected_names`: each name as the lookups and carriers get it, signed; its changes go through the
 *   change feed like a number's (`registry_changes.protected_name_id`, `e164` then null).
 */
export class ProtectedNames1796280000000 implements MigrationInterface {
  name = 'ProtectedNames1796280000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['organizations', 'invitations']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN kind TYPE varchar(24)`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check ${kindCheck(KINDS)}`);
    }
    await q.query(`
      CREATE TABLE protected_names (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        term varchar(64) NOT NULL,
        spellings jsonb NOT NULL DEFAULT '[]',
        kinds jsonb NOT NULL,
        source text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('active', 'removed')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX protected_names_term_key ON protected_names (lower(term)) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE protected_name_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action varchar(8) NOT NULL CHECK (action IN ('add', 'change', 'remove')),
        protected_name_id uuid NULL REFERENCES protected_names (id) ON DELETE RESTRICT,
        term varchar(64) NOT NULL,
        spellings jsonb NOT NULL DEFAULT '[]',
        kinds jsonb NOT NULL,
        source text NOT NULL,
        reason text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        created_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        review_authors jsonb NOT NULL DEFAULT '[]',
        decided_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz NULL,
        decision_reason text NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- An addition names its protected name once approved; a change or a removal always does.
        CHECK (action = 'add' OR protected_name_id IS NOT NULL)
      )`);
    // One open proposal per name: a second one would be decided against a state the first may change.
    await q.query(`CREATE UNIQUE INDEX protected_name_proposals_open_key ON protected_name_proposals (protected_name_id)
      WHERE status = 'pending' AND protected_name_id IS NOT NULL`);
    await q.query(`CREATE INDEX protected_name_proposals_status_idx ON protected_name_proposals (status, created_at)`);
    await q.query(`
      CREATE TABLE published_protected_names (
        id uuid PRIMARY KEY,
        entry jsonb NOT NULL,
        version bigint NOT NULL,
        jws text NOT NULL,
        kid varchar(64) NOT NULL
      )`);
    await q.query(`ALTER TABLE registry_changes ALTER COLUMN e164 DROP NOT NULL`);
    await q.query(`ALTER TABLE registry_changes ADD COLUMN protected_name_id uuid NULL`);
    await q.query(`ALTER TABLE registry_changes ADD CONSTRAINT registry_changes_subject_check
      CHECK ((e164 IS NULL) <> (protected_name_id IS NULL))`);
    for (const seed of PROTECTED_NAMES_SEED_2025) {
      await q.query(`INSERT INTO protected_names (term, spellings, kinds, source, status) VALUES ($1, $2, $3, $4, 'active')`, [
        seed.term,
        JSON.stringify(seed.spellings),
        JSON.stringify(seed.kinds),
        seed.source,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM registry_changes WHERE protected_name_id IS NOT NULL`);
    await q.query(`ALTER TABLE registry_changes DROP CONSTRAINT registry_changes_subject_check`);
    await q.query(`ALTER TABLE registry_changes DROP COLUMN protected_name_id`);
    await q.query(`ALTER TABLE registry_changes ALTER COLUMN e164 SET NOT NULL`);
    await q.query(`DROP TABLE published_protected_names`);
    await q.query(`DROP TABLE protected_name_proposals`);
    await q.query(`DROP TABLE protected_names`);
    // Organizations of a new kind cannot go back to the old CHECK: it is restored NOT VALID (it holds for new rows).
    for (const table of ['invitations', 'organizations']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check ${kindCheck(OLD_KINDS)} NOT VALID`);
    }
  }
}
