import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { checkReorganization, DomainError, nextReorganizationStatus, parseDate, partiesBarredFrom } from '@app/domain';
import { Reorganization } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { checkFourEyes } from '../common/four-eyes';
import { lockRow } from '../common/locking';
import type { RequestContext } from '../common/request-context';
import { lockOrganizationTree } from '../organizations/organizations.service';
import { CreateReorganizationDto, ReorganizationDto, ReorganizationQueryDto } from './dto/reorganization.dto';
import { assertNoOverlap, loadPlan, numbersThatMove } from './reorganization-plan';
import { ReorganizationScheduler } from './reorganization-scheduler.service';

/**
 * Merges and transfers: proposed by one regulator, approved by another (the review policy's four eyes), then
 * run by the scheduler at their effective time. The life cycle in libs/domain gives every status.
 */
@Injectable()
export class ReorganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scheduler: ReorganizationScheduler,
  ) {}

  async create(ctx: RequestContext, dto: CreateReorganizationDto): Promise<ReorganizationDto> {
    const effectiveAt = parseDate(dto.effectiveAt, 'effectiveAt');
    if (!effectiveAt) throw new DomainError('VALIDATION_FAILED', 'effectiveAt is required');
    const reason = dto.reason.trim();
    if (!reason)
      throw new DomainError('VALIDATION_FAILED', 'A reason is required', { fields: [{ field: 'reason', message: 'reason is required' }] });
    return this.dataSource.transaction(async (em) => {
      await lockOrganizationTree(em);
      const draft = em.create(Reorganization, {
        kind: dto.kind,
        fromOrganizationId: dto.fromOrganizationId,
        toOrganizationId: dto.toOrganizationId,
        toBrandnameId: dto.toBrandnameId,
        numberIds: dto.kind === 'transfer' ? [...new Set(dto.numberIds ?? [])] : (dto.numberIds ?? null),
        effectiveAt,
        reason,
        status: 'pending',
        createdBy: ctx.actor.id,
      });
      await this.check(em, draft);
      const saved = await em.save(draft);
      const after = ReorganizationDto.from(saved);
      await this.audit.record(em, ctx, { action: 'reorganization.create', entityType: 'reorganization', entityId: saved.id, after });
      return after;
    });
  }

  async list(query: ReorganizationQueryDto): Promise<ReorganizationDto[]> {
    const rows = await this.dataSource.getRepository(Reorganization).find({
      where: query.status ? { status: query.status } : {},
      order: { effectiveAt: 'DESC', createdAt: 'DESC' },
      take: 500,
    });
    return rows.map(ReorganizationDto.from);
  }

  async get(id: string): Promise<ReorganizationDto> {
    const r = await this.dataSource.getRepository(Reorganization).findOneBy({ id });
    if (!r) throw new DomainError('NOT_FOUND', 'No such reorganization');
    return ReorganizationDto.from(r);
  }

  /**
   * A regulator other than the proposer (review policy) schedules it, after checking it again. One already due
   * runs at once, in its own transaction right after this one.
   */
  async approve(ctx: RequestContext, id: string): Promise<ReorganizationDto> {
    await this.dataSource.transaction(async (em) => {
      await lockOrganizationTree(em);
      const r = await lockRow(em, Reorganization, id, 'reorganization');
      const next = nextReorganizationStatus(r.status, 'approve');
      await checkFourEyes(
        em,
        ctx.actor.id,
        partiesBarredFrom('approve', { submittedBy: r.createdBy, lastChangedBy: r.createdBy, statusChangedBy: null }),
      );
      await this.check(em, r);
      const before = ReorganizationDto.from(r);
      Object.assign(r, { status: next, approvedBy: ctx.actor.id, approvedAt: new Date() });
      const after = ReorganizationDto.from(await em.save(r));
      await this.audit.record(em, ctx, { action: 'reorganization.approve', entityType: 'reorganization', entityId: id, before, after });
    });
    await this.scheduler.runDue();
    return this.get(id);
  }

  /** Cancelling makes nothing show, so any regulator may, while it is pending or scheduled. */
  async cancel(ctx: RequestContext, id: string, reason?: string): Promise<ReorganizationDto> {
    return this.dataSource.transaction(async (em) => {
      await lockOrganizationTree(em);
      const r = await lockRow(em, Reorganization, id, 'reorganization');
      const before = ReorganizationDto.from(r);
      Object.assign(r, { status: nextReorganizationStatus(r.status, 'cancel'), cancelledBy: ctx.actor.id });
      const after = ReorganizationDto.from(await em.save(r));
      await this.audit.record(em, ctx, {
        action: 'reorganization.cancel',
        entityType: 'reorganization',
        entityId: id,
        before,
        after: { ...after, reason: reason?.trim() || null },
      });
      return after;
    });
  }

  private async check(em: EntityManager, r: Reorganization): Promise<void> {
    checkReorganization(await loadPlan(em, r));
    await assertNoOverlap(em, r, await numbersThatMove(em, r));
  }
}
