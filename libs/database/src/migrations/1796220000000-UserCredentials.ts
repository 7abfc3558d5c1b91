import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account management by real operators:
 * - `users.token_version`: carried in each access token (`tv`); a password change or reset bumps it, so every
 *   older token stops at once (tokens without the claim count as version 0);
 * - `users.password_change_required`: set by a reset (or a generated first password); until the user changes
 *   it, every route but change-password and /v1/auth/me answers 403 PASSWORD_CHANGE_REQUIRED;
 * - `users.password_changed_at`: when the password last changed (shown to managers, never the password);
 * - `audit_events.actor_label`: names a system actor with no user row (the CLI, `cli:<os-user>`); hashed into
 *   the chain only when set, so every earlier event keeps its hash.
 */
export class UserCredentials1796220000000 implements MigrationInterface {
  name = 'UserCredentials1796220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz NULL`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN actor_label varchar(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN actor_label`);
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN password_change_required`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
