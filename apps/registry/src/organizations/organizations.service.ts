import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertParentOpen, DomainError, editModeOf, foldText, INITIAL_STATUS, normalizeLegalName, PolicyFields } from '@app/domain';
import { Organization } from '@app/database';
import { assertCanRead } from '../common/access';
import { assertVersion } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { ItemAuthors } from '../pipeline/item-authors';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ItemViews } from '../revisions/item-views';
import { markEdited, RevisionsService } from '../revisions/revisions.service';
import { CreateOrganizationDto, OrganizationDto, OrganizationQueryDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsRepository } from './organizations.repository';

/** The fields the review policy governs. */
function policyFields(o: Pick<Organization, 'name' | 'parentId' | 'rolloutWave' | 'secondFactorRequired'>): PolicyFields {
  return { name: o.name, parentId: o.parentId, rolloutWave: o.rolloutWave, secondFactorRequired: o.secondFactorRequired };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly views: ItemViews,
    private readonly revisions: RevisionsService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    const name = normalizeLegalName(dto.name);
    return this.pipeline.run(ctx, {
      load: async (em) => {
        if (dto.parentId) assertParentOpen(await this.organizations.mustFind(em, dto.parentId, 'parent organization'));
      },
      apply: async (em) => {
        const org = await this.organizations.save(
          em,
          em.create(Organization, {
            code: dto.code.toUpperCase(),
            name,
            kind: dto.kind,
            parentId: dto.parentId ?? null,
            rolloutWave: dto.rolloutWave ?? null,
            status: INITIAL_STATUS,
            submittedBy: ctx.actor.id,
            lastChangedBy: ctx.actor.id,
            reviewAuthors: [await this.authors.author(em, ctx.actor, 'submitted')],
          }),
        );
        const after = OrganizationDto.from(org, null);
        return { result: after, audit: { action: 'organization.create', entityType: 'organization', entityId: org.id, after } };
      },
    });
  }

  async list(actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    return this.dataSource.transaction((em) => this.listIn(em, actor, query));
  }

  private async listIn(em: EntityManager, actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    const rows = await this.organizations.list(em, {
      onlyId: actor.role === 'agency_admin' ? actor.organizationId : undefined,
      status: query.status,
      folded: query.q ? foldText(query.q) : '',
    });
    return this.view(em, actor, rows);
  }

  async get(actor: Actor, id: string): Promise<OrganizationDto> {
    assertCanRead(actor, id);
    return this.dataSource.transaction(async (em) => {
      const org = await this.organizations.mustFind(em, id);
      return (await this.view(em, actor, [org]))[0];
    });
  }

  private view(em: EntityManager, actor: Actor, rows: Organization[]): Promise<OrganizationDto[]> {
    return this.views.of(em, actor, 'organization', rows, (o) => o.id, OrganizationDto.from);
  }

  /**
   * By the review policy: the legal name (shown beside the brand) and the parent (a parent's suspension covers
   * its children) of a live organization wait in a revision; the rollout wave applies at once. A rejected
   * organization is final: a new application starts over.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.pipeline.run(ctx, {
      load: async (em) => {
        // The tree lock before the row lock: the parent's foreign-key check takes a lock on the other row, so the
        // other order deadlocks two crossing parent changes.
        if (dto.parentId !== undefined) await this.organizations.lockTree(em);
        return this.organizations.lock(em, id);
      },
      authorize: (org) => {
        assertVersion(org.version, dto.version);
        editModeOf(org.status);
      },
      apply: (em, org) => this.edit(em, ctx, org, dto),
    });
  }

  private async edit(em: EntityManager, ctx: RequestContext, org: Organization, dto: UpdateOrganizationDto) {
    const id = org.id;
    const before = OrganizationDto.from(org, await this.revisions.pendingDto(em, 'organization', id));
    const proposed = policyFields({
      name: dto.name === undefined ? org.name : normalizeLegalName(dto.name),
      parentId: dto.parentId === undefined ? org.parentId : dto.parentId,
      rolloutWave: dto.rolloutWave === undefined ? org.rolloutWave : dto.rolloutWave,
      secondFactorRequired: dto.secondFactorRequired ?? org.secondFactorRequired,
    });
    if (proposed.parentId !== org.parentId && proposed.parentId !== null) await this.assertNoCycle(em, id, proposed.parentId as string);
    const live = policyFields(org);
    const plan = await this.revisions.plan(em, 'organization', org, live, proposed);
    if (editModeOf(org.status) === 'draft') org.reviewAuthors = await this.authors.edited(em, org, ctx.actor);
    Object.assign(org, plan.apply);
    markEdited(org, ctx.actor.id, plan);
    const saved = await this.organizations.save(em, org);
    const pending = await this.revisions.hold(em, ctx, 'organization', id, plan, live);
    const after = OrganizationDto.from(saved, pending);
    return {
      result: after,
      audit: { action: 'organization.update', entityType: 'organization', entityId: id, before, after },
      publish: { organizationIds: [id] },
    };
  }

  /** Applies an approved revision; the parent chain is checked again (it may have changed since). */
  async applyRevision(em: EntityManager, org: Organization, changes: Record<string, unknown>): Promise<Organization> {
    const parentId = changes.parentId as string | null | undefined;
    if (parentId) await this.assertNoCycle(em, org.id, parentId);
    Object.assign(org, changes);
    return this.organizations.save(em, org);
  }

  /** Walks up from the new parent under the tree lock; a cycle already in the data ends the walk too. */
  private async assertNoCycle(em: EntityManager, id: string, parentId: string): Promise<void> {
    await this.organizations.lockTree(em);
    const seen = new Set<string>();
    for (let cursor: string | null = parentId; cursor;) {
      if (cursor === id || seen.has(cursor)) throw new DomainError('VALIDATION_FAILED', 'An organization cannot be its own ancestor');
      seen.add(cursor);
      const parent = await this.organizations.mustFind(em, cursor, 'parent organization');
      if (cursor === parentId) assertParentOpen(parent);
      cursor = parent.parentId;
    }
  }
}
