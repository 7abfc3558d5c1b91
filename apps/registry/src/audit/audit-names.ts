import type { EntityManager } from 'typeorm';
import type { AuditEvent } from '@app/database';

/** Names for the ids in audit events, as people know them: "MIC — Bộ TT&TT", "+842439437142", "regulator1". */
export interface AuditNames {
  actor(e: AuditEvent): string | null;
  entity(e: AuditEvent): string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One query per kind of object, for the ids of one page. Each answers (id, name).
const ENTITY_NAME_SQL: Record<string, string> = {
  organization: `SELECT id::text, code || ' — ' || name AS name FROM organizations WHERE id = ANY($1::uuid[])`,
  brandname: `SELECT id::text, label || ' / ' || display_name AS name FROM brandnames WHERE id = ANY($1::uuid[])`,
  number: `SELECT id::text, e164 AS name FROM caller_numbers WHERE id = ANY($1::uuid[])`,
  user: `SELECT id::text, username AS name FROM users WHERE id = ANY($1::uuid[])`,
  carrier: `SELECT id::text, code AS name FROM carriers WHERE id = ANY($1::uuid[])`,
  carrier_api_key: `SELECT k.id::text, c.code || ' ' || k.prefix || '…' AS name FROM carrier_api_keys k JOIN carriers c ON c.id = k.carrier_id
                     WHERE k.id = ANY($1::uuid[])`,
  application: `SELECT a.id::text, o.code || ' — ' || o.name AS name FROM applications a JOIN organizations o ON o.id = a.organization_id
                 WHERE a.id = ANY($1::uuid[])`,
  invitation: `SELECT id::text, organization_code AS name FROM invitations WHERE id = ANY($1::uuid[])`,
  reorganization: `SELECT r.id::text, f.code || ' → ' || t.code AS name FROM reorganizations r
                     JOIN organizations f ON f.id = r.from_organization_id JOIN organizations t ON t.id = r.to_organization_id
                    WHERE r.id = ANY($1::uuid[])`,
};

export async function resolveAuditNames(em: EntityManager, events: readonly AuditEvent[]): Promise<AuditNames> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string | null) => {
    if (!id || !UUID.test(id) || !ENTITY_NAME_SQL[type]) return;
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(id);
  };
  for (const e of events) {
    want(e.entityType, e.entityId);
    want(e.actorRole === 'carrier' ? 'carrier' : 'user', e.actorId);
  }
  const names = new Map<string, string>();
  for (const [type, ids] of wanted) {
    const rows: Array<{ id: string; name: string }> = await em.query(ENTITY_NAME_SQL[type], [[...ids]]);
    for (const r of rows) names.set(`${type}:${r.id}`, r.name);
  }
  return {
    actor: (e) =>
      e.actorId ? (names.get(`${e.actorRole === 'carrier' ? 'carrier' : 'user'}:${e.actorId}`) ?? null) : (e.actorLabel ?? null),
    // A signing key's id is its kid, already a name; anything deleted since keeps only its id.
    entity: (e) =>
      e.entityId ? (names.get(`${e.entityType}:${e.entityId}`) ?? (e.entityType === 'signing_key' ? e.entityId : null)) : null,
  };
}
