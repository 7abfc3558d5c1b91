import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEvent } from '@app/database';

// Serialises appends to the chain: each event must see the hash of the one before it.
const AUDIT_CHAIN_LOCK = 7_428_102;

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

/** The filters of the log's list and export. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** The audit log (audit_events, a hash chain), and the names its ids are shown by. */
@Injectable()
export class AuditRepository {
  /** Takes the chain's lock (held to commit) and reads its last event, if any. */
  async lockHead(em: EntityManager): Promise<{ seq: string; hash: string } | undefined> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await em.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    return last;
  }

  async append(em: EntityManager, event: AuditEvent): Promise<void> {
    // Plain INSERT (save() would first SELECT by the primary key); jsonb columns defeat the deep-partial type.
    await em.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  }

  /** Up to `limit` events matching the filter, newest first, before the event `before` (a seq) when given. */
  page(em: EntityManager, filter: AuditFilter, limit: number, before: string | number | null): Promise<AuditEvent[]> {
    const qb = this.filtered(em, filter).limit(limit);
    if (before !== null) qb.andWhere('e.seq < :cursor', { cursor: before });
    return qb.getMany();
  }

  count(em: EntityManager, filter: AuditFilter): Promise<number> {
    return this.filtered(em, filter).getCount();
  }

  /** Up to `limit` events from `seq` on, in chain order. */
  chainFrom(em: EntityManager, seq: number, limit: number): Promise<AuditEvent[]> {
    return em
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq >= :from', { from: seq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Whether ids of this kind of object have names. */
  namesKnown(type: string): boolean {
    return Boolean(ENTITY_NAME_SQL[type]);
  }

  /** The names of these objects of one kind (a deleted one is absent). */
  names(em: EntityManager, type: string, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    return em.query(ENTITY_NAME_SQL[type], [[...ids]]);
  }

  private filtered(em: EntityManager, filter: AuditFilter) {
    const qb = em.getRepository(AuditEvent).createQueryBuilder('e').orderBy('e.seq', 'DESC');
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    return qb;
  }
}
