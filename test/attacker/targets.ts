import { DataSource } from 'typeorm';
import type { UserRow } from './model';

/**
 * The live lists a step's target indexes are resolved against (modulo their length), read straight from the
 * database in creation order (ties, rows made in one transaction, by natural key): the same on every replay of a
 * sequence, and the seed's rows keep their indexes whatever the sequence adds (so dropping a step while
 * minimizing seldom changes what the other steps target).
 */
export interface NumberRow {
  id: string;
  e164: string;
  organization_id: string;
  brandname_id: string;
  status: string;
  allowed_origins: string[];
  version: number;
}

export interface ItemRow {
  id: string;
  organization_id: string;
  status: string;
  version: number;
  name: string;
}

export class Targets {
  constructor(private readonly ds: DataSource) {}

  users(): Promise<UserRow[]> {
    return this.ds.query('SELECT id, username, role, status, organization_id, version FROM users ORDER BY created_at, username');
  }

  numbers(organizationId?: string | null): Promise<NumberRow[]> {
    return this.ds.query(
      `SELECT n.id, n.e164, n.organization_id, n.brandname_id, n.status, n.allowed_origins, n.version
         FROM caller_numbers n JOIN organizations o ON o.id = n.organization_id
        WHERE ($1::uuid IS NULL OR n.organization_id = $1) ORDER BY n.created_at, n.e164, o.code`,
      [organizationId ?? null],
    );
  }

  brandnames(organizationId?: string | null): Promise<ItemRow[]> {
    return this.ds.query(
      `SELECT id, organization_id, status, version, label AS name FROM brandnames
        WHERE ($1::uuid IS NULL OR organization_id = $1) ORDER BY created_at, label`,
      [organizationId ?? null],
    );
  }

  organizations(): Promise<ItemRow[]> {
    return this.ds.query('SELECT id, id AS organization_id, status, version, code AS name FROM organizations ORDER BY created_at, code');
  }

  /** Items of a review kind, as ItemRow (numbers named by their E.164). */
  async items(kind: 'numbers' | 'brandnames' | 'organizations', organizationId?: string | null): Promise<ItemRow[]> {
    if (kind === 'organizations') return this.organizations();
    if (kind === 'brandnames') return this.brandnames(organizationId);
    return (await this.numbers(organizationId)).map((n) => ({ ...n, name: n.e164 }));
  }

  pendingRevisions(): Promise<Array<{ kind: string; id: string; name: string }>> {
    return this.ds.query(
      `SELECT r.entity_type || 's' AS kind, r.entity_id AS id, coalesce(n.e164, b.label, o.code) AS name
         FROM revisions r
         LEFT JOIN caller_numbers n ON r.entity_type = 'number' AND n.id = r.entity_id
         LEFT JOIN brandnames b ON r.entity_type = 'brandname' AND b.id = r.entity_id
         LEFT JOIN organizations o ON r.entity_type = 'organization' AND o.id = r.entity_id
        WHERE r.status = 'pending' ORDER BY r.created_at, r.entity_id`,
    );
  }

  applications(): Promise<Array<{ id: string; code: string; status: string; version: number; organization_id: string }>> {
    return this.ds.query(
      `SELECT a.id, o.code, a.status, a.version, a.organization_id FROM applications a JOIN organizations o ON o.id = a.organization_id
        ORDER BY a.created_at, o.code`,
    );
  }

  reorganizations(status: string): Promise<Array<{ id: string }>> {
    return this.ds.query('SELECT id FROM reorganizations WHERE status = $1 ORDER BY created_at, id', [status]);
  }

  /** Numbers waiting for their holding carrier's word (of one carrier, or any). */
  pendingHoldings(carrierCode?: string): Promise<Array<{ id: string; e164: string }>> {
    return this.ds.query(
      `SELECT n.id, n.e164 FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id
        WHERE h.status = 'pending' AND n.status = 'pending' AND ($1::text IS NULL OR h.carrier_code = $1) ORDER BY n.created_at, n.e164`,
      [carrierCode ?? null],
    );
  }

  confirmedHoldings(carrierCode: string): Promise<Array<{ id: string; e164: string }>> {
    return this.ds.query(
      `SELECT n.id, n.e164 FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id
        WHERE h.status = 'confirmed' AND h.carrier_code = $1 ORDER BY n.created_at, n.e164`,
      [carrierCode],
    );
  }
}

export function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}
