import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['organizations', 'brandnames', 'caller_numbers'];

/**
 * Four eyes must bar the submitter as well as the last editor: keep who submitted each reviewed item.
 * Existing rows take their last editor, the best record there is of who submitted them.
 */
export class AddSubmittedBy1795879748706 implements MigrationInterface {
  name = 'AddSubmittedBy1795879748706';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN submitted_by uuid NULL`);
      await q.query(`UPDATE ${table} SET submitted_by = last_changed_by`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN submitted_by`);
  }
}
