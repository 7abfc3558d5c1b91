import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in a regulator can rely on:
 * - `second_factors`: an account's TOTP secret (RFC 6238), waiting for its holder's first code until
 *   `confirmed_at`, the last time step used (a code counts once) and its recovery codes' SHA-256 (each used once).
 *   A reset waits for a second regulator: `reset_requested_by` and the reset's authors frozen when it was asked.
 * - `sign_in_throttles`: attempts at a secret per (subject, client address) and per address, with growing delays
 *   (libs/domain sign-in-throttle.ts); kept in the database so that a restart or a second instance forgets nothing.
 * - `account_controls.kind` gains `reset_second_factor`: whoever asked for a reset can act as the account.
 * - `organizations.second_factor_required`: its agency admins enrol a second factor at their next sign-in.
 */
export class SecondFactorAndSignInThrottle1796250000000 implements MigrationInterface {
  name = 'SecondFactorAndSignInThrottle1796250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret varchar(64) NOT NULL,
        confirmed_at timestamptz NULL,
        last_used_step bigint NULL,
        recovery_code_hashes jsonb NOT NULL DEFAULT '[]',
        reset_requested_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        reset_authors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sign_in_throttles (
        key varchar(200) PRIMARY KEY,
        attempts integer NOT NULL CHECK (attempts >= 0),
        last_attempt_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sign_in_throttles_last_attempt_idx ON sign_in_throttles (last_attempt_at)`);
    await q.query(`ALTER TABLE organizations ADD COLUMN second_factor_required boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE account_controls DROP CONSTRAINT account_controls_kind_check`);
    await q.query(`ALTER TABLE account_controls ADD CONSTRAINT account_controls_kind_check
      CHECK (kind IN ('created_with_password', 'reset_password', 'reset_second_factor', 'invitation', 'enrollment_share', 'installation'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // account_controls is append-only: a reset_second_factor fact cannot be removed, so the old CHECK is restored
    // NOT VALID (it holds for every new row, and the recorded facts stay).
    await q.query(`ALTER TABLE account_controls DROP CONSTRAINT account_controls_kind_check`);
    await q.query(`ALTER TABLE account_controls ADD CONSTRAINT account_controls_kind_check
      CHECK (kind IN ('created_with_password', 'reset_password', 'invitation', 'enrollment_share', 'installation')) NOT VALID`);
    await q.query(`ALTER TABLE organizations DROP COLUMN second_factor_required`);
    await q.query(`DROP TABLE sign_in_throttles`);
    await q.query(`DROP TABLE second_factors`);
  }
}
