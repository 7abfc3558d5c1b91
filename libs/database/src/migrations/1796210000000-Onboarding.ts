import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding and carrier confirmation of holding:
 * - `invitations`: a regulator's invitation to apply (token stored as its SHA-256), 14 days, single use;
 * - `applications`: an organization's application (its organization, brandname and numbers are pending rows),
 *   with the reviewer's checklist as an append-only list of ticks;
 * - `documents`: uploaded PDF/PNG/JPEG files, in the database with their SHA-256;
 * - `number_holdings`: per number, the carrier that holds it and that carrier's word (or the regulator path).
 *   Rows that predate this migration count as confirmed by whoever approved them (`legacy`).
 */
export class Onboarding1796210000000 implements MigrationInterface {
  name = 'Onboarding1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash varchar(64) NOT NULL,
        organization_code varchar(32) NOT NULL,
        organization_name varchar(128) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('ministry', 'judicial', 'bank', 'other')),
        parent_organization_id uuid NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoked_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE RESTRICT,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        brandname_id uuid NOT NULL REFERENCES brandnames (id) ON DELETE RESTRICT,
        applicant_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        applicant_contact jsonb NOT NULL,
        status varchar(24) NOT NULL CHECK (status IN ('submitted', 'changes_requested', 'approved', 'rejected')),
        status_reason text NULL,
        checklist jsonb NOT NULL DEFAULT '[]',
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT applications_invitation_key UNIQUE (invitation_id),
        CONSTRAINT applications_organization_key UNIQUE (organization_id)
      )`);
    await q.query(`CREATE INDEX applications_status_idx ON applications (status, submitted_at)`);
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NULL REFERENCES applications (id) ON DELETE RESTRICT,
        kind varchar(24) NOT NULL CHECK (kind IN ('decision', 'carrier_contract', 'other', 'carrier_letter')),
        filename varchar(255) NOT NULL,
        media_type varchar(32) NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes int NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
        sha256 varchar(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX documents_application_idx ON documents (application_id, uploaded_at)`);
    await q.query(`
      CREATE TABLE number_holdings (
        number_id uuid PRIMARY KEY REFERENCES caller_numbers (id) ON DELETE RESTRICT,
        carrier_code varchar(32) NULL REFERENCES carriers (code) ON DELETE RESTRICT,
        application_id uuid NULL REFERENCES applications (id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'confirmed', 'denied', 'released')),
        source varchar(24) NULL CHECK (source IN ('carrier', 'regulator_on_behalf', 'regulator_approval', 'legacy')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        decided_by_carrier_id uuid NULL REFERENCES carriers (id) ON DELETE RESTRICT,
        decided_by_user_id uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        reference varchar(200) NULL,
        reason text NULL,
        document_id uuid NULL REFERENCES documents (id) ON DELETE RESTRICT,
        released_at timestamptz NULL,
        release_reason text NULL,
        CONSTRAINT number_holdings_decided_check CHECK ((status = 'pending') = (source IS NULL AND decided_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX number_holdings_carrier_pending_idx ON number_holdings (carrier_code, requested_at) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX number_holdings_application_idx ON number_holdings (application_id) WHERE application_id IS NOT NULL`);
    // Numbers approved before this migration count as confirmed by the regulator who approved them.
    await q.query(`
      INSERT INTO number_holdings (number_id, status, source, requested_at, decided_at, decided_by_user_id)
      SELECT id,
             CASE WHEN status IN ('active', 'suspended', 'revoked') THEN 'confirmed' ELSE 'pending' END,
             CASE WHEN status IN ('active', 'suspended', 'revoked') THEN 'legacy' END,
             created_at,
             CASE WHEN status IN ('active', 'suspended', 'revoked') THEN updated_at END,
             CASE WHEN status IN ('active', 'suspended', 'revoked') AND status_changed_by IN (SELECT id FROM users) THEN status_changed_by END
        FROM caller_numbers`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE number_holdings`);
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP TABLE applications`);
    await q.query(`DROP TABLE invitations`);
  }
}
