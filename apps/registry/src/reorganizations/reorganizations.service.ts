import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { INITIAL_REORGANIZATION_STATUS, checkReorganization, DomainError, nextReorganizationStatus, parseDate } from '@app/domain';
import { Reorganization } from '@app/database';
import type { Actor, RequestContext } from '../common/request-context';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { CreateReorganizationDto, ReorganizationDto, ReorganizationQueryDto } from './dto/reorganization.dto';
import { assertNoOverlap, loadPlan } from './reorganization-plan';
import { ReorganizationScheduler } from './reorganization-scheduler.service';
import { ReorganizationsRepository } from './reorganizations.repository';

/**
 * Merges and transfers: proposed by one regulator, approved by another (the review policy's four eyes), then
 * run by the scheduler at their effective time. The life cycle in libs/domain gives every status.
 */
@Injectable()
export class ReorganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
    private readonly scheduler: ReorganizationScheduler,
    private readonly repo: ReorganizationsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateReorganizationDto): Promise<ReorganizationDto> {
    const effectiveAt = parseDate(dto.effectiveAt, 'effectiveAt');
    if (!effectiveAt) throw new DomainError('VALIDATION_FAILED', 'effectiveAt is required');
    const reason = dto.reason.trim();
    if (!reason)
      throw new DomainError('VALIDATION_FAILED', 'A reason is required', { fields: [{ field: 'reason', message: 'reason is required' }] });
    return this.pipeline.run(ctx, {
      load: (em) => this.organizations.lockTree(em),
      apply: async (em) => {
        const draft = em.create(Reorganization, {
          kind: dto.kind,
          fromOrganizationId: dto.fromOrganizationId,
          toOrganizationId: dto.toOrganizationId,
          toBrandnameId: dto.toBrandnameId,
          numberIds: dto.kind === 'transfer' ? [...new Set(dto.numberIds ?? [])] : (dto.numberIds ?? null),
          effectiveAt,
          reason,
          status: INITIAL_REORGANIZATION_STATUS,
          createdBy: ctx.actor.id,
          reviewAuthors: [await this.authors.author(em, ctx.actor, 'submitted')],
        });
        await this.check(em, draft);
        const saved = await this.repo.save(em, draft);
        const after = ReorganizationDto.from(saved);
        return { result: after, audit: { action: 'reorganization.create', entityType: 'reorganization', entityId: saved.id, after } };
      },
    });
  }

  async list(actor: Actor, query: ReorganizationQueryDto): Promise<ReorganizationDto[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = await this.repo.list(em, query.status);
      const verdict = await this.parties.viewer(em, actor);
      return rows.map((r) => this.view(r, actor, verdict));
    });
  }

  async get(actor: Actor, id: string): Promise<ReorganizationDto> {
    return this.dataSource.transaction(async (em) => {
      const r = await this.repo.find(em, id);
      if (!r) throw new DomainError('NOT_FOUND', 'No such reorganization');
      return this.view(r, actor, await this.parties.viewer(em, actor));
    });
  }

  private view(r: Reorganization, actor: Actor, verdict: Awaited<ReturnType<PartiesRepository['viewer']>>): ReorganizationDto {
    const dto = ReorganizationDto.from(r);
    return r.status === INITIAL_REORGANIZATION_STATUS
      ? { ...dto, fourEyes: verdict('approve_reorganization', r.reviewAuthors, actor.role === 'regulator') }
      : dto;
  }

  /**
   * A regulator other than the proposer (review policy) schedules it, after checking it again. One already due
   * runs at once, in its own transaction right after this one.
   */
  async approve(ctx: RequestContext, id: string): Promise<ReorganizationDto> {
    await this.pipeline.run(ctx, {
      load: async (em) => {
        await this.organizations.lockTree(em);
        const r = await this.repo.lock(em, id);
        return { r, authors: await this.authors.ofItem(em, { reviewAuthors: r.reviewAuthors, submittedBy: r.createdBy }) };
      },
      review: ({ authors }) => ({ step: 'approve_reorganization', authors }),
      apply: async (em, { r }) => {
        const next = nextReorganizationStatus(r.status, 'approve');
        await this.check(em, r);
        const before = ReorganizationDto.from(r);
        Object.assign(r, { status: next, approvedBy: ctx.actor.id, approvedAt: new Date() });
        const after = ReorganizationDto.from(await this.repo.save(em, r));
        return { result: after, audit: { action: 'reorganization.approve', entityType: 'reorganization', entityId: id, before, after } };
      },
    });
    await this.scheduler.runDue();
    return this.get(ctx.actor, id);
  }

  /** Cancelling makes nothing show, so any regulator may, while it is pending or scheduled. */
  async cancel(ctx: RequestContext, id: string, reason?: string): Promise<ReorganizationDto> {
    return this.pipeline.run(ctx, {
      load: async (em) => {
        await this.organizations.lockTree(em);
        return this.repo.lock(em, id);
      },
      apply: async (em, r) => {
        const before = ReorganizationDto.from(r);
        Object.assign(r, { status: nextReorganizationStatus(r.status, 'cancel'), cancelledBy: ctx.actor.id });
        const after = ReorganizationDto.from(await this.repo.save(em, r));
        return {
          result: after,
          audit: {
            action: 'reorganization.cancel',
            entityType: 'reorganization',
            entityId: id,
            before,
            after: { ...after, reason: reason?.trim() || null },
          },
        };
      },
    });
  }

  private async check(em: EntityManager, r: Reorganization): Promise<void> {
    checkReorganization(await loadPlan(this.repo, em, r));
    await assertNoOverlap(this.repo, em, r, await this.repo.numbersThatMove(em, r));
  }
}
