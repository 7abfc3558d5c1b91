import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEvent } from '@app/database';
import type { ActingContext, Actor } from '../common/request-context';
import { AuditQueryDto, AuditVerificationDto } from './dto/audit.dto';

// Serialises appends to the chain: each event must see the hash of the one before it.
const AUDIT_CHAIN_LOCK = 7_428_102;
const GENESIS = '0'.repeat(64);

/** Who acted, from where: a user or a carrier (by its API key), or no actor for a failed sign-in. */
export interface AuditContext {
  actor: (Pick<Actor, 'id'> & { role: string }) | null;
  requestId: string;
  ip: string | null;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: object | null;
  after?: object | null;
}

/** The hash of one event: SHA-256 over the previous hash and a canonical JSON of every field. */
export function auditHash(event: Omit<AuditEvent, 'hash'>): string {
  const canonical = stringify({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    // Only when set, so events from before the column keep their hashes.
    ...(event.actorLabel ? { actorLabel: event.actorLabel } : {}),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    ip: event.ip,
  });
  return createHash('sha256').update(`${event.prevHash}\n${canonical}`).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one event inside the caller's transaction, so the change and its audit commit together. */
  async record(em: EntityManager, ctx: AuditContext | ActingContext, record: AuditRecord): Promise<void> {
    const system = ctx.actor && 'system' in ctx.actor && ctx.actor.system ? ctx.actor : null;
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await em.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    const event: Omit<AuditEvent, 'hash'> = {
      seq: last ? Number(last.seq) + 1 : 1,
      occurredAt: new Date(),
      actorId: ctx.actor?.id ?? null,
      actorRole: system ? 'system' : (ctx.actor?.role ?? null),
      actorLabel: system ? system.username : null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      // Through JSON once, so what is hashed is exactly what jsonb gives back (dates as strings).
      before: record.before ? JSON.parse(JSON.stringify(record.before)) : null,
      after: record.after ? JSON.parse(JSON.stringify(record.after)) : null,
      requestId: ctx.requestId,
      ip: ctx.ip,
      prevHash: last ? last.hash : GENESIS,
    };
    // Plain INSERT (save() would first SELECT by the primary key); jsonb columns defeat the deep-partial type.
    await em.insert(AuditEvent, { ...event, hash: auditHash(event) } as QueryDeepPartialEntity<AuditEvent>);
  }

  async list(query: AuditQueryDto): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .orderBy('e.seq', 'DESC')
      .limit(query.limit + 1);
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    if (query.cursor) qb.andWhere('e.seq < :cursor', { cursor: query.cursor });
    const rows = await qb.getMany();
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: more ? String(items[items.length - 1].seq) : null };
  }

  /** Recomputes the whole chain from the first event. */
  async verify(): Promise<AuditVerificationDto> {
    const repo = this.dataSource.getRepository(AuditEvent);
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const batch = await repo
        .createQueryBuilder('e')
        .where('e.seq >= :from', { from: expectedSeq })
        .orderBy('e.seq', 'ASC')
        .limit(1000)
        .getMany();
      if (batch.length === 0) return { valid: true, checked, brokenAt: null, reason: null };
      for (const event of batch) {
        if (event.seq !== expectedSeq) return broken(checked, expectedSeq, 'an event is missing');
        if (event.prevHash !== prevHash) return broken(checked, event.seq, 'prev_hash does not match the previous event');
        if (auditHash(event) !== event.hash) return broken(checked, event.seq, 'the event was altered');
        prevHash = event.hash;
        expectedSeq++;
        checked++;
      }
    }
  }
}

function broken(checked: number, seq: number, reason: string): AuditVerificationDto {
  return { valid: false, checked, brokenAt: seq, reason };
}
