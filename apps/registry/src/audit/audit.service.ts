import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from '@app/database';
import type { ActingContext, Actor } from '../common/request-context';
import { DomainError, ROLE_LABEL, auditActionText, auditChangeText, formatVietnamTime, toCsv, ENTITY_LABEL } from '@app/domain';
import { AuditNames, resolveAuditNames } from './audit-names';
import { AuditRepository } from './audit.repository';
import { AuditEventDto, AuditExportQueryDto, AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit.dto';

const GENESIS = '0'.repeat(64);
const MAX_EXPORT_ROWS = 100_000;
const EXPORT_BATCH = 1_000;

const AUDIT_CSV_HEADER = [
  'STT',
  'Thời điểm (giờ Việt Nam)',
  'Người thực hiện',
  'Vai trò',
  'Hành động',
  'Mã hành động',
  'Loại đối tượng',
  'Đối tượng',
  'Mã đối tượng',
  'Thay đổi',
  'Mã yêu cầu',
  'Địa chỉ IP',
  'Hash',
];

function auditCsvLine(e: AuditEvent, names: AuditNames): unknown[] {
  return [
    e.seq,
    formatVietnamTime(e.occurredAt),
    names.actor(e) ?? e.actorId ?? '',
    e.actorRole ? (ROLE_LABEL[e.actorRole] ?? e.actorRole) : '',
    auditActionText(e.action),
    e.action,
    ENTITY_LABEL[e.entityType] ?? e.entityType,
    names.entity(e) ?? '',
    e.entityId ?? '',
    auditChangeText(e.before, e.after),
    e.requestId ?? '',
    e.ip ?? '',
    e.hash,
  ];
}

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditRepository,
  ) {}

  /** Appends one event inside the caller's transaction, so the change and its audit commit together. */
  async record(em: EntityManager, ctx: AuditContext | ActingContext, record: AuditRecord): Promise<void> {
    const system = ctx.actor && 'system' in ctx.actor && ctx.actor.system ? ctx.actor : null;
    const last = await this.events.lockHead(em);
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
    await this.events.append(em, { ...event, hash: auditHash(event) });
  }

  async list(query: AuditQueryDto): Promise<AuditPageDto> {
    const rows = await this.events.page(this.dataSource.manager, query, query.limit + 1, query.cursor || null);
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const names = await resolveAuditNames(this.events, this.dataSource.manager, items);
    return { items: items.map((e) => AuditEventDto.from(e, names)), nextCursor: more ? String(items[items.length - 1].seq) : null };
  }

  /**
   * The filtered range as CSV for people (Vietnamese headers, actions and changes in words, Vietnam time), newest
   * first, read in one REPEATABLE READ transaction so the file is one consistent state of the log.
   */
  async exportCsv(query: AuditExportQueryDto): Promise<string> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const total = await this.events.count(em, query);
      if (total > MAX_EXPORT_ROWS) {
        throw new DomainError('VALIDATION_FAILED', `The range holds ${total} events; export at most ${MAX_EXPORT_ROWS} at once`, {
          fields: [{ field: 'from', message: `narrow the range to at most ${MAX_EXPORT_ROWS} events` }],
        });
      }
      const lines: unknown[][] = [AUDIT_CSV_HEADER];
      let cursor: number | null = null;
      for (;;) {
        const rows = await this.events.page(em, query, EXPORT_BATCH, cursor);
        if (rows.length === 0) break;
        const names = await resolveAuditNames(this.events, em, rows);
        for (const e of rows) lines.push(auditCsvLine(e, names));
        cursor = rows[rows.length - 1].seq;
      }
      return toCsv(lines);
    });
  }

  /** Recomputes the whole chain from the first event. */
  async verify(): Promise<AuditVerificationDto> {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const batch = await this.events.chainFrom(this.dataSource.manager, expectedSeq, 1000);
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
