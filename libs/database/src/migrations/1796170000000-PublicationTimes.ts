import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each published entry must be published again because time changes its answer: `starts_at` (its validity
 * starts later) and `ends_at` (validTo, or the label's expiry for an active outbound number). The registry's timed
 * publisher looks them up by index every second. Existing rows are filled from their entries.
 */
export class PublicationTimes1796170000000 implements MigrationInterface {
  name = 'PublicationTimes1796170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE published_numbers ADD COLUMN starts_at timestamptz NULL, ADD COLUMN ends_at timestamptz NULL`);
    await q.query(`
      UPDATE published_numbers SET
        starts_at = CASE WHEN (entry->>'validFrom')::timestamptz > now() THEN (entry->>'validFrom')::timestamptz END,
        ends_at = least(
          (entry->>'validTo')::timestamptz,
          CASE WHEN entry->>'state' = 'active' AND entry->>'direction' <> 'inbound_only' THEN (entry->>'labelExpiresAt')::timestamptz END)`);
    await q.query(`CREATE INDEX published_numbers_starts_at_idx ON published_numbers (starts_at) WHERE starts_at IS NOT NULL`);
    await q.query(`CREATE INDEX published_numbers_ends_at_idx ON published_numbers (ends_at) WHERE ends_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX published_numbers_ends_at_idx`);
    await q.query(`DROP INDEX published_numbers_starts_at_idx`);
    await q.query(`ALTER TABLE published_numbers DROP COLUMN ends_at, DROP COLUMN starts_at`);
  }
}
