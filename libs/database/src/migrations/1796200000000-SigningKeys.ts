import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed entries. `signing_keys` holds public keys only (the private keys stay in the registry's key file): the
 * current one signs new publications, and a key stays published (retired_at null) until nothing is signed by it.
 * Each published entry and each feed upsert keeps its JWS and the key that made it, so lookups add a stored
 * string and the re-sign after a rotation finds its rows by index. `snapshot_signatures`: the lookup asks the
 * registry to sign a snapshot's trailer (only the registry holds a private key).
 */
export class SigningKeys1796200000000 implements MigrationInterface {
  name = 'SigningKeys1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        kid varchar(64) PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        "current" boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz NULL,
        CONSTRAINT signing_keys_public_only CHECK (NOT (public_jwk ? 'd'))
      )`);
    await q.query(`CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys ("current") WHERE "current"`);
    await q.query(`ALTER TABLE published_numbers ADD COLUMN jws text NULL, ADD COLUMN kid varchar(64) NULL`);
    await q.query(`ALTER TABLE registry_changes ADD COLUMN jws text NULL, ADD COLUMN kid varchar(64) NULL`);
    await q.query(`CREATE INDEX published_numbers_kid_idx ON published_numbers (kid)`);
    await q.query(`CREATE INDEX registry_changes_kid_idx ON registry_changes (kid) WHERE op = 'upsert'`);
    await q.query(`
      CREATE TABLE snapshot_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registry_version bigint NOT NULL,
        count integer NOT NULL,
        sha256 char(64) NOT NULL,
        jws text NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        signed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX snapshot_signatures_unsigned_idx ON snapshot_signatures (requested_at) WHERE jws IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE snapshot_signatures`);
    await q.query(`DROP INDEX registry_changes_kid_idx`);
    await q.query(`DROP INDEX published_numbers_kid_idx`);
    await q.query(`ALTER TABLE registry_changes DROP COLUMN kid, DROP COLUMN jws`);
    await q.query(`ALTER TABLE published_numbers DROP COLUMN kid, DROP COLUMN jws`);
    await q.query(`DROP TABLE signing_keys`);
  }
}
