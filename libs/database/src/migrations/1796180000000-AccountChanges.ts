import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who last changed an account's role or status: the regulator who promoted or re-enabled it may not approve that. */
export class AccountChanges1796180000000 implements MigrationInterface {
  name = 'AccountChanges1796180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN status_changed_by uuid NULL REFERENCES users(id) ON DELETE RESTRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN status_changed_by`);
  }
}
