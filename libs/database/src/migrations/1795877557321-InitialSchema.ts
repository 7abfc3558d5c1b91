import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry schema: organizations, brandnames, caller numbers, carriers and their keys, users,
 * the append-only audit log and the change feed that lookups follow.
 */
export class InitialSchema1795877557321 implements MigrationInterface {
  name = 'InitialSchema1795877557321';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(255) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('ministry', 'judicial', 'bank', 'other')),
        parent_id uuid NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'revoked')),
        status_reason text NULL,
        rollout_wave int NULL CHECK (rollout_wave >= 0),
        last_changed_by uuid NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_code_key ON organizations (upper(code))`);
    await q.query(`CREATE INDEX organizations_parent_idx ON organizations (parent_id)`);

    await q.query(`
      CREATE TABLE brandnames (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        label varchar(11) NOT NULL,
        label_key varchar(11) NOT NULL CHECK (label_key = upper(label)),
        display_name varchar(64) NOT NULL,
        display_name_ascii varchar(64) NOT NULL,
        call_reason varchar(64) NULL,
        skeletons text[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'revoked')),
        status_reason text NULL,
        approved_at timestamptz NULL,
        expires_at timestamptz NULL,
        last_changed_by uuid NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A label is unique nationally, ignoring case, among brandnames that are not rejected or revoked.
    await q.query(`
      CREATE UNIQUE INDEX brandnames_label_live_key ON brandnames (label_key)
        WHERE status IN ('pending', 'active', 'suspended')`);
    await q.query(`CREATE INDEX brandnames_organization_idx ON brandnames (organization_id)`);
    await q.query(`CREATE INDEX brandnames_skeletons_idx ON brandnames USING gin (skeletons)`);

    await q.query(`
      CREATE TABLE caller_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        e164 varchar(16) NOT NULL CHECK (e164 ~ '^\\+84[0-9]{6,12}$'),
        number_type varchar(16) NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        brandname_id uuid NOT NULL REFERENCES brandnames(id) ON DELETE RESTRICT,
        direction varchar(16) NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound_only')),
        allowed_origins text[] NOT NULL DEFAULT '{}',
        valid_from timestamptz NULL,
        valid_to timestamptz NULL,
        evidence text NULL,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'revoked')),
        status_reason text NULL,
        last_changed_by uuid NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX caller_numbers_e164_live_key ON caller_numbers (e164) WHERE status <> 'revoked'`);
    await q.query(`CREATE INDEX caller_numbers_organization_status_idx ON caller_numbers (organization_id, status, created_at)`);
    await q.query(`CREATE INDEX caller_numbers_brandname_idx ON caller_numbers (brandname_id)`);

    await q.query(`
      CREATE TABLE carriers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$' AND code <> 'INTERNATIONAL'),
        name varchar(255) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX carriers_code_key ON carriers (code)`);

    await q.query(`
      CREATE TABLE carrier_api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        carrier_id uuid NOT NULL REFERENCES carriers(id) ON DELETE RESTRICT,
        prefix varchar(16) NOT NULL,
        key_hash varchar(64) NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX carrier_api_keys_hash_key ON carrier_api_keys (key_hash)`);
    await q.query(`CREATE INDEX carrier_api_keys_carrier_idx ON carrier_api_keys (carrier_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        password_hash varchar(255) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('regulator', 'agency_admin', 'auditor')),
        organization_id uuid NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'agency_admin') = (organization_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);

    await q.query(`
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id uuid NULL,
        actor_role varchar(16) NULL,
        action varchar(64) NOT NULL,
        entity_type varchar(32) NOT NULL,
        entity_id varchar(64) NULL,
        before jsonb NULL,
        after jsonb NULL,
        request_id varchar(128) NULL,
        ip varchar(64) NULL,
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq)`);
    await q.query(`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at)`);
    // History cannot be rewritten, not even by a bug: the database itself refuses it.
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);

    await q.query(`
      CREATE TABLE registry_state (
        id int PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL,
        retained_from bigint NOT NULL
      )`);
    await q.query(`INSERT INTO registry_state (id, version, retained_from) VALUES (1, 0, 0)`);
    await q.query(`
      CREATE TABLE registry_changes (
        version bigint PRIMARY KEY,
        e164 varchar(16) NOT NULL,
        op varchar(8) NOT NULL CHECK (op IN ('upsert', 'remove')),
        entry jsonb NULL CHECK ((op = 'upsert') = (entry IS NOT NULL)),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE published_numbers (
        e164 varchar(16) PRIMARY KEY,
        entry jsonb NOT NULL,
        version bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE published_numbers`);
    await q.query(`DROP TABLE registry_changes`);
    await q.query(`DROP TABLE registry_state`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_refuse_change()`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE carrier_api_keys`);
    await q.query(`DROP TABLE carriers`);
    await q.query(`DROP TABLE caller_numbers`);
    await q.query(`DROP TABLE brandnames`);
    await q.query(`DROP TABLE organizations`);
  }
}
