import type { EntityManager } from 'typeorm';
import type { AuditEvent } from '@app/database';
import type { AuditRepository } from './audit.repository';

/** Names for the ids in audit events, as people know them: "MIC — Bộ TT&TT", "+842439437142", "regulator1". */
export interface AuditNames {
  actor(e: AuditEvent): string | null;
  entity(e: AuditEvent): string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveAuditNames(repo: AuditRepository, em: EntityManager, events: readonly AuditEvent[]): Promise<AuditNames> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string | null) => {
    if (!id || !UUID.test(id) || !repo.namesKnown(type)) return;
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(id);
  };
  for (const e of events) {
    want(e.entityType, e.entityId);
    want(e.actorRole === 'carrier' ? 'carrier' : 'user', e.actorId);
  }
  const names = new Map<string, string>();
  for (const [type, ids] of wanted) {
    for (const r of await repo.names(em, type, [...ids])) names.set(`${type}:${r.id}`, r.name);
  }
  return {
    actor: (e) =>
      e.actorId ? (names.get(`${e.actorRole === 'carrier' ? 'carrier' : 'user'}:${e.actorId}`) ?? null) : (e.actorLabel ?? null),
    // A signing key's id is its kid, already a name; anything deleted since keeps only its id.
    entity: (e) =>
      e.entityId ? (names.get(`${e.entityType}:${e.entityId}`) ?? (e.entityType === 'signing_key' ? e.entityId : null)) : null,
  };
}
