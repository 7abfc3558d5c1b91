import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  containsPattern,
  DomainError,
  editModeOf,
  FINAL_STATUSES,
  FOLD_FROM,
  FOLD_TO,
  foldText,
  INITIAL_STATUS,
  normalizeDisplayName,
  PolicyFields,
} from '@app/domain';
import { Organization } from '@app/database';
import { assertCanRead } from '../common/access';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { ItemAuthors } from '../pipeline/item-authors';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ItemViews } from '../revisions/item-views';
import { markEdited, RevisionsService } from '../revisions/revisions.service';
import { CreateOrganizationDto, OrganizationDto, OrganizationQueryDto, UpdateOrganizationDto } from './dto/organization.dto';

const LEGAL_NAME_LIMITS = { minLength: 2, maxLength: 64 };
// Serialises parent changes: two read-then-write cycle checks running at once could each pass and form a cycle.
const ORGANIZATION_TREE_LOCK = 7_428_105;

/** The fields the review policy governs. */
function policyFields(o: Pick<Organization, 'name' | 'parentId' | 'rolloutWave'>): PolicyFields {
  return { name: o.name, parentId: o.parentId, rolloutWave: o.rolloutWave };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly views: ItemViews,
    private readonly revisions: RevisionsService,
  ) {}

  async create(ctx: RequestContext, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    const name = normalizeLegalName(dto.name);
    return this.pipeline.run(ctx, {
      load: async (em) => {
        if (dto.parentId) assertParentOpen(await this.mustExist(em, dto.parentId, 'parent organization'));
      },
      apply: async (em) => {
        try {
          const org = await em.save(
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
        } catch (err) {
          if (uniqueViolation(err) !== null)
            throw new DomainError('DUPLICATE_CODE', `Organization code ${dto.code.toUpperCase()} is taken`);
          throw err;
        }
      },
    });
  }

  async list(actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    return this.dataSource.transaction((em) => this.listIn(em, actor, query));
  }

  private async listIn(em: EntityManager, actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    const qb = em.getRepository(Organization).createQueryBuilder('o').orderBy('o.created_at', 'ASC');
    if (actor.role === 'agency_admin') qb.andWhere('o.id = :id', { id: actor.organizationId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    const folded = query.q ? foldText(query.q) : '';
    if (folded) {
      // The same folding as foldText, in SQL (PGlite has no unaccent); lower() after translate() is ASCII-only.
      qb.andWhere(`(lower(o.code) LIKE :p ESCAPE '\\' OR lower(translate(o.name, :from, :to)) LIKE :p ESCAPE '\\')`, {
        p: containsPattern(folded),
        from: FOLD_FROM,
        to: FOLD_TO,
      });
    }
    return this.view(em, actor, await qb.getMany());
  }

  async get(actor: Actor, id: string): Promise<OrganizationDto> {
    assertCanRead(actor, id);
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOneBy(Organization, { id });
      if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
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
        if (dto.parentId !== undefined) await lockOrganizationTree(em);
        return lockRow(em, Organization, id, 'organization');
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
    });
    if (proposed.parentId !== org.parentId && proposed.parentId !== null) await this.assertNoCycle(em, id, proposed.parentId as string);
    const live = policyFields(org);
    const plan = await this.revisions.plan(em, 'organization', org, live, proposed);
    if (org.status === 'pending') org.reviewAuthors = await this.authors.edited(em, org, ctx.actor);
    Object.assign(org, plan.apply);
    markEdited(org, ctx.actor.id, plan);
    const saved = await em.save(org);
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
    return em.save(org);
  }

  private async mustExist(em: EntityManager, id: string, what: string): Promise<Organization> {
    const org = await em.findOneBy(Organization, { id });
    if (!org) throw new DomainError('NOT_FOUND', `No such ${what}`);
    return org;
  }

  /** Walks up from the new parent under the tree lock; a cycle already in the data ends the walk too. */
  private async assertNoCycle(em: EntityManager, id: string, parentId: string): Promise<void> {
    await lockOrganizationTree(em);
    const seen = new Set<string>();
    for (let cursor: string | null = parentId; cursor;) {
      if (cursor === id || seen.has(cursor)) throw new DomainError('VALIDATION_FAILED', 'An organization cannot be its own ancestor');
      seen.add(cursor);
      const parent = await this.mustExist(em, cursor, 'parent organization');
      if (cursor === parentId) assertParentOpen(parent);
      cursor = parent.parentId;
    }
  }
}

/** Serialises parent changes (see ORGANIZATION_TREE_LOCK); take it before any organization row lock. */
export async function lockOrganizationTree(em: EntityManager): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock($1)', [ORGANIZATION_TREE_LOCK]);
}

/** A merged, rejected or revoked organization takes no new sub-organizations. */
export function assertParentOpen(parent: Organization): void {
  if (FINAL_STATUSES.includes(parent.status)) {
    throw new DomainError('INVALID_TRANSITION', `Organization ${parent.code} is ${parent.status}; it cannot take sub-organizations`);
  }
}

export function normalizeLegalName(name: string): string {
  try {
    return normalizeDisplayName(name, LEGAL_NAME_LIMITS);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError('VALIDATION_FAILED', err.message.replace(/^displayName/, 'name'));
    throw err;
  }
}
