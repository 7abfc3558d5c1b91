import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  actionNeedsReason,
  Author,
  assertMayReview,
  assertRoleMayReview,
  DomainError,
  labelExpiry,
  nextStatus,
  ReviewAction,
} from '@app/domain';
import { Brandname, CallerNumber, Organization, Revision, RevisionEntityType } from '@app/database';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { BrandnamesService } from '../brandnames/brandnames.service';
import { BrandnameDto } from '../brandnames/dto/brandname.dto';
import type { Actor, RequestContext } from '../common/request-context';
import { NumberDto } from '../numbers/dto/number.dto';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { NumbersRepository } from '../numbers/numbers.repository';
import { NumbersService } from '../numbers/numbers.service';
import { OrganizationDto } from '../organizations/dto/organization.dto';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { Write, WriteOutcome, WritePipeline } from '../pipeline/write-pipeline';
import { PublishScope } from '../publishing/registry-publisher.service';
import { RevisionDto } from '../revisions/dto/revision.dto';
import { RevisionsService } from '../revisions/revisions.service';
import { ReviewableKind } from './dto/review.dto';

type Reviewable = Organization | Brandname | CallerNumber;
type ItemDto = OrganizationDto | BrandnameDto | NumberDto;

interface ItemRows<T> {
  lock(em: EntityManager, id: string): Promise<T>;
  find(em: EntityManager, id: string): Promise<T | null>;
  /** Saves a status change (mapping what a unique index refuses to its domain error). */
  save(em: EntityManager, row: T): Promise<T>;
}

interface KindSpec<T extends Reviewable> {
  entity: new () => T;
  entityType: RevisionEntityType;
  /** The organization an item belongs to (an organization is its own). */
  organizationOf(row: T): string;
  toDto(row: T, pendingRevision: RevisionDto | null, pendingReinstate?: RevisionDto | null): ItemDto;
  scope(row: T): PublishScope;
  /** The kind's repository: the item locked for the write (NOT_FOUND when there is none) or unlocked, and its save. */
  rows: ItemRows<T>;
  onApprove?(row: T, now: Date): void;
  /** Rules beyond the life cycle (a number's holding carrier); returns what to record once the change is saved. */
  beforeAction?(em: EntityManager, actorId: string, row: T, action: ReviewAction): Promise<() => Promise<void>>;
  /** Locks to take before the item's row lock when a revision is decided (lock order). */
  lockBeforeRevision?(em: EntityManager): Promise<void>;
  applyRevision(em: EntityManager, actor: Actor, row: T, changes: Record<string, unknown>): Promise<T>;
}

export type RevisionDecision = 'approve' | 'reject';

/**
 * Decisions on organizations, brandnames and numbers, on their pending revisions and on requested
 * reinstatements, each through the write pipeline: the life cycle gives the next status, the four-eyes decision
 * says who may not decide; this service only describes each write.
 */
@Injectable()
export class ReviewsService {
  // Each kind's spec is typed by `satisfies` below; the map itself holds them side by side.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly specs: { [K in ReviewableKind]: KindSpec<any> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly revisions: RevisionsService,
    organizations: OrganizationsService,
    brandnames: BrandnamesService,
    numbers: NumbersService,
    holdings: NumberHoldingsService,
    organizationRows: OrganizationsRepository,
    brandnameRows: BrandnamesRepository,
    numberRows: NumbersRepository,
  ) {
    this.specs = {
      organizations: {
        entity: Organization,
        entityType: 'organization',
        organizationOf: (o: Organization) => o.id,
        toDto: OrganizationDto.from,
        scope: (o: Organization) => ({ organizationIds: [o.id] }),
        rows: organizationRows,
        applyRevision: (em, _actor, o, changes) => organizations.applyRevision(em, o, changes),
        lockBeforeRevision: (em) => organizationRows.lockTree(em),
      } satisfies KindSpec<Organization>,
      brandnames: {
        entity: Brandname,
        entityType: 'brandname',
        organizationOf: (b: Brandname) => b.organizationId,
        toDto: BrandnameDto.from,
        scope: (b: Brandname) => ({ brandnameIds: [b.id] }),
        rows: brandnameRows,
        // The three-year validity of a label runs from its approval.
        onApprove: (b: Brandname, now: Date) => Object.assign(b, { approvedAt: now, expiresAt: labelExpiry(now) }),
        beforeAction: (em, _actorId, b, action) => brandnames.beforeReview(em, b, action),
        applyRevision: (em, actor, b, changes) => brandnames.applyRevision(em, actor, b, changes),
      } satisfies KindSpec<Brandname>,
      numbers: {
        entity: CallerNumber,
        entityType: 'number',
        organizationOf: (n: CallerNumber) => n.organizationId,
        toDto: NumberDto.from,
        scope: (n: CallerNumber) => ({ e164s: [n.e164] }),
        // Approving a claim on a number live in another organization hits the live unique index.
        rows: numberRows,
        beforeAction: (em, actorId, n, action) => holdings.beforeReview(em, actorId, n, action),
        applyRevision: (em, _actor, n, changes) => numbers.applyRevision(em, n, changes),
      } satisfies KindSpec<CallerNumber>,
    };
  }

  /** approve, reject, suspend, revoke; `reinstate` requests a reinstatement that a second person decides. */
  async act(ctx: RequestContext, kind: ReviewableKind, id: string, action: ReviewAction, reason?: string): Promise<ItemDto> {
    const trimmed = requireReason(actionNeedsReason(action), action, reason);
    assertRoleMayReview(ctx.actor, action, this.specs[kind].entityType);
    if (action === 'reinstate') return this.pipeline.run(ctx, this.reinstateRequest(ctx, kind, id, trimmed!));
    return this.pipeline.run(ctx, this.statusChange(ctx, kind, id, action, trimmed));
  }

  /** The same decision inside the caller's transaction (an application's approval or rejection). */
  async actIn(
    em: EntityManager,
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    action: Exclude<ReviewAction, 'reinstate'>,
    trimmed: string | null,
  ): Promise<ItemDto> {
    assertRoleMayReview(ctx.actor, action, this.specs[kind].entityType);
    return this.pipeline.runIn(em, ctx, this.statusChange(ctx, kind, id, action, trimmed));
  }

  /**
   * An application's approval covered a number that its carrier confirms only now: the number becomes active on
   * that confirmation, inside the confirmation's write, which audits it as its own event (by whoever confirmed,
   * naming the approval that covered it) and publishes it.
   */
  async activateCovered(em: EntityManager, id: string, coveredBy: Record<string, unknown>): Promise<WriteOutcome<ItemDto>> {
    const spec = this.specs.numbers;
    const n = await spec.rows.lock(em, id);
    const before = spec.toDto(n, null);
    Object.assign(n, { status: nextStatus(n.status, 'approve'), statusReason: null });
    const saved = await spec.rows.save(em, n);
    const after = spec.toDto(saved, null);
    return {
      result: after,
      audit: { action: 'number.activate', entityType: 'number', entityId: id, before, after: { ...after, coveredBy } },
      publish: spec.scope(saved),
    };
  }

  /**
   * Approves or rejects an item's pending revision. Approval is refused to whoever can act as its author; the
   * new values answer lookups from this transaction's commit, with no gap.
   */
  async decideRevision(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    reason?: string,
  ): Promise<ItemDto> {
    const trimmed = requireReason(decision === 'reject', `reject a revision`, reason);
    assertRoleMayReview(ctx.actor, `revision_${decision}`, this.specs[kind].entityType);
    return this.pipeline.run(ctx, this.revisionDecision(ctx, kind, id, decision, trimmed));
  }

  /** Approves or rejects a requested reinstatement: approval by a person who is neither suspender nor requester. */
  async decideReinstate(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    reason?: string,
  ): Promise<ItemDto> {
    const trimmed = requireReason(decision === 'reject', `reject a reinstatement`, reason);
    assertRoleMayReview(ctx.actor, `reinstate_${decision}`, this.specs[kind].entityType);
    return this.pipeline.run(ctx, this.reinstateDecision(ctx, kind, id, decision, trimmed));
  }

  /**
   * One reviewer's approval of one item of a batch, in its own transaction: a pending item is approved, a live
   * one's pending revision (or, when asked, its requested reinstatement) is. Checked and audited as one approval.
   */
  async approveOne(ctx: RequestContext, kind: ReviewableKind, id: string, change?: 'new' | 'revision' | 'reinstate', reason?: string) {
    if (change === 'reinstate') return this.decideReinstate(ctx, kind, id, 'approve', reason);
    if (change === 'revision') return this.decideRevision(ctx, kind, id, 'approve', reason);
    if (change === 'new') return this.act(ctx, kind, id, 'approve', reason);
    const row = await this.specs[kind].rows.find(this.dataSource.manager, id);
    if (!row) throw new DomainError('NOT_FOUND', `No such ${this.specs[kind].entityType}`);
    // A status change between this read and the row lock is caught by the life cycle under the lock.
    return row.status === 'pending' ? this.act(ctx, kind, id, 'approve', reason) : this.decideRevision(ctx, kind, id, 'approve', reason);
  }

  private statusChange(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    action: Exclude<ReviewAction, 'reinstate'>,
    trimmed: string | null,
  ): Write<{ row: Reviewable; authors: Author[] }, ItemDto> {
    const spec = this.specs[kind];
    return {
      // The row lock makes two concurrent approvals take turns: the second sees 'active' and is refused.
      load: async (em) => {
        const row = await spec.rows.lock(em, id);
        return { row, authors: action === 'approve' ? await this.authors.ofItem(em, row) : [] };
      },
      authorize: ({ row }) => assertMayReview(ctx.actor, action, spec.entityType, spec.organizationOf(row)),
      review: ({ authors }) => (action === 'approve' ? { step: 'approve_item', authors } : null),
      apply: async (em, { row }) => {
        const next = nextStatus(row.status, action);
        const afterSave = (await spec.beforeAction?.(em, ctx.actor.id, row, action)) ?? (async () => undefined);
        const open = await this.revisions.allPendingOf(em, spec.entityType, id);
        const before = spec.toDto(row, dtoOf(open, 'change'), dtoOf(open, 'reinstate'));
        Object.assign(row, { status: next, statusReason: trimmed, statusChangedBy: ctx.actor.id });
        // A suspension's author is frozen with it: whoever lifts it must be neither the suspender nor its hand.
        if (action === 'suspend') row.reviewAuthors = [await this.authors.author(em, ctx.actor, 'suspended')];
        if (action === 'approve') spec.onApprove?.(row, new Date());
        const saved = await spec.rows.save(em, row);
        await afterSave();
        // A revoked item's waiting change or reinstatement can never apply: it is closed with the item.
        const closed = next === 'revoked' ? open : [];
        for (const r of closed) await this.revisions.decide(em, ctx, r, 'rejected', trimmed);
        const stillOpen = open.filter((r) => !closed.includes(r));
        const after = spec.toDto(saved, dtoOf(stillOpen, 'change'), dtoOf(stillOpen, 'reinstate'));
        return {
          result: after,
          audit: { action: `${spec.entityType}.${action}`, entityType: spec.entityType, entityId: id, before, after },
          publish: spec.scope(saved),
        };
      },
    };
  }

  private reinstateRequest(ctx: RequestContext, kind: ReviewableKind, id: string, reason: string): Write<Reviewable, ItemDto> {
    const spec = this.specs[kind];
    return {
      load: (em) => spec.rows.lock(em, id),
      authorize: (row) => assertMayReview(ctx.actor, 'reinstate', spec.entityType, spec.organizationOf(row)),
      apply: async (em, row) => {
        nextStatus(row.status, 'reinstate'); // only a suspended item can be reinstated
        await spec.beforeAction?.(em, ctx.actor.id, row, 'reinstate'); // a released number never comes back
        const authors = [...(await this.authors.ofSuspension(em, row)), await this.authors.author(em, ctx.actor, 'requested_reinstate')];
        const request = await this.revisions.requestReinstate(em, ctx, spec.entityType, row, authors, reason);
        const change = await this.revisions.pendingOf(em, spec.entityType, id);
        const after = spec.toDto(row, change && RevisionDto.from(change), RevisionDto.from(request));
        return {
          result: after,
          audit: {
            action: `${spec.entityType}.reinstate_request`,
            entityType: spec.entityType,
            entityId: id,
            after: { status: row.status, pendingReinstate: RevisionDto.from(request) },
          },
        };
      },
    };
  }

  private reinstateDecision(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    trimmed: string | null,
  ): Write<{ row: Reviewable; request: Revision }, ItemDto> {
    const spec = this.specs[kind];
    return {
      load: async (em) => {
        const row = await spec.rows.lock(em, id);
        const request = await this.revisions.pendingOf(em, spec.entityType, id, true, 'reinstate');
        if (!request) throw new DomainError('NOT_FOUND', 'This item has no requested reinstatement');
        return { row, request };
      },
      authorize: ({ row }) => assertMayReview(ctx.actor, `reinstate_${decision}`, spec.entityType, spec.organizationOf(row)),
      review: ({ request }) => (decision === 'approve' ? { step: 'approve_reinstate', authors: request.reviewAuthors } : null),
      apply: async (em, { row, request }) => {
        const change = await this.revisions.pendingOf(em, spec.entityType, id);
        const before = spec.toDto(row, change && RevisionDto.from(change), RevisionDto.from(request));
        let saved = row;
        if (decision === 'approve') {
          const next = nextStatus(row.status, 'reinstate');
          const afterSave = (await spec.beforeAction?.(em, ctx.actor.id, row, 'reinstate')) ?? (async () => undefined);
          Object.assign(row, { status: next, statusReason: request.reason, statusChangedBy: ctx.actor.id, reviewAuthors: [] });
          saved = await spec.rows.save(em, row);
          await afterSave();
        }
        const decided = await this.revisions.decide(em, ctx, request, decision === 'approve' ? 'approved' : 'rejected', trimmed);
        const after = spec.toDto(saved, change && RevisionDto.from(change), null);
        return {
          result: after,
          audit: {
            action: `${spec.entityType}.reinstate_${decision}`,
            entityType: spec.entityType,
            entityId: id,
            before,
            after: { ...after, decidedReinstate: RevisionDto.from(decided), reason: trimmed },
          },
          publish: decision === 'approve' ? spec.scope(saved) : undefined,
        };
      },
    };
  }

  private revisionDecision(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    trimmed: string | null,
  ): Write<{ row: Reviewable; revision: Revision; authors: Author[] }, ItemDto> {
    const spec = this.specs[kind];
    return {
      load: async (em) => {
        await spec.lockBeforeRevision?.(em);
        const row = await spec.rows.lock(em, id);
        const revision = await this.revisions.pendingOf(em, spec.entityType, id, true);
        if (!revision) throw new DomainError('NOT_FOUND', 'This item has no pending revision');
        return { row, revision, authors: await this.authors.ofRevision(em, revision) };
      },
      authorize: ({ row }) => assertMayReview(ctx.actor, `revision_${decision}`, spec.entityType, spec.organizationOf(row)),
      review: ({ authors }) => (decision === 'approve' ? { step: 'approve_revision', authors } : null),
      apply: async (em, { row, revision }) => {
        const reinstate = await this.revisions.pendingOf(em, spec.entityType, id, false, 'reinstate');
        const before = spec.toDto(row, RevisionDto.from(revision), reinstate && RevisionDto.from(reinstate));
        const saved = decision === 'approve' ? await spec.applyRevision(em, ctx.actor, row, revision.changes) : row;
        const decided = await this.revisions.decide(em, ctx, revision, decision === 'approve' ? 'approved' : 'rejected', trimmed);
        const after = spec.toDto(saved, null, reinstate && RevisionDto.from(reinstate));
        return {
          result: after,
          audit: {
            action: `${spec.entityType}.revision_${decision}`,
            entityType: spec.entityType,
            entityId: id,
            before,
            after: { ...after, decidedRevision: RevisionDto.from(decided), reason: trimmed },
          },
          // A rejected narrowing of origins brands the removed origins again: published either way.
          publish: spec.scope(saved),
        };
      },
    };
  }
}

function dtoOf(open: Revision[], kind: Revision['kind']): RevisionDto | null {
  const r = open.find((x) => x.kind === kind);
  return r ? RevisionDto.from(r) : null;
}

function requireReason(required: boolean, action: string, reason: string | undefined): string | null {
  const trimmed = reason?.trim() || null;
  if (required && !trimmed) {
    throw new DomainError('VALIDATION_FAILED', `A reason is required to ${action}`, {
      fields: [{ field: 'reason', message: `reason is required to ${action}` }],
    });
  }
  return trimmed;
}
