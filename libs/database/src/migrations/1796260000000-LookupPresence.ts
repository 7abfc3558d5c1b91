import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `lookup_presence`: each running lookup instance's report of the registry version its index holds. The registry
 * acknowledges a write that removes a brand only once every running lookup holds it (libs/domain
 * lookup-propagation.ts), so a registry that dies right after answering cannot leave a suspended number branded.
 * A report is a heartbeat: a row older than a few seconds is a lookup that has gone, and is ignored.
 */
export class LookupPresence1796260000000 implements MigrationInterface {
  name = 'LookupPresence1796260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lookup_presence (
        instance_id uuid PRIMARY KEY,
        applied_version bigint NOT NULL CHECK (applied_version >= 0),
        host varchar(255) NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lookup_presence`);
  }
}
