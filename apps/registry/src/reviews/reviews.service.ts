import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  actionNeedsReason,
  assertMayReview,
  assertRoleMayReview,
  DomainError,
  labelExpiry,
  nextStatus,
  partiesBarredFrom,
  ReviewAction,
} from '@app/domain';
import { Brandname, CallerNumber, Organization, RevisionEntityType } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { BrandnamesService, saveBrandname } from '../brandnames/brandnames.service';
import { BrandnameDto } from '../brandnames/dto/brandname.dto';
import { checkFourEyes } from '../common/four-eyes';
import { lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { NumberDto } from '../numbers/dto/number.dto';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { NumbersService, saveNumber } from '../numbers/numbers.service';
import { OrganizationDto } from '../organizations/dto/organization.dto';
import { lockOrganizationTree, OrganizationsService } from '../organizations/organizations.service';
import { PublishScope, RegistryPublisher } from '../publishing/registry-publisher.service';
import { RevisionDto } from '../revisions/dto/revision.dto';
import { RevisionsService } from '../revisions/revisions.service';
import { ReviewableKind } from './dto/review.dto';

type Reviewable = Organization | Brandname | CallerNumber;
type ItemDto = OrganizationDto | BrandnameDto | NumberDto;

interface KindSpec<T extends Reviewable> {
  entity: new () => T;
  entityType: RevisionEntityType;
  /** The organization an item belongs to (an organization is its own). */
  organizationOf(row: T): string;
  toDto(row: T, pendingRevision: RevisionDto | null): ItemDto;
  scope(row: T): PublishScope;
  /** Saves a status change (mapping what a unique index refuses to its domain error). */
  save(em: EntityManager, row: T): Promise<T>;
  onApprove?(row: T, now: Date): void;
  /** Rules beyond the life cycle (a number's holding carrier); returns what to record once the change is saved. */
  beforeAction?(em: EntityManager, actorId: string, row: T, action: ReviewAction): Promise<() => Promise<void>>;
  /** Locks to take before the item's row lock when a revision is decided (lock order). */
  lockBeforeRevision?(em: EntityManager): Promise<void>;
  applyRevision(em: EntityManager, actor: Actor, row: T, changes: Record<string, unknown>): Promise<T>;
}

export type RevisionDecision = 'approve' | 'reject';

/**
 * The regulator's decisions on organizations, brandnames and numbers and on their pending revisions. The life
 * cycle gives the next status, the review policy says who may not decide; this service only applies them.
 */
@Injectable()
export class ReviewsService {
  // Each kind's spec is typed by `satisfies` below; the map itself holds them side by side.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly specs: { [K in ReviewableKind]: KindSpec<any> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
    private readonly revisions: RevisionsService,
    organizations: OrganizationsService,
    brandnames: BrandnamesService,
    numbers: NumbersService,
    holdings: NumberHoldingsService,
  ) {
    this.specs = {
      organizations: {
        entity: Organization,
        entityType: 'organization',
        organizationOf: (o: Organization) => o.id,
        toDto: OrganizationDto.from,
        scope: (o: Organization) => ({ organizationIds: [o.id] }),
        save: (em, o) => em.save(o),
        applyRevision: (em, _actor, o, changes) => organizations.applyRevision(em, o, changes),
        lockBeforeRevision: lockOrganizationTree,
      } satisfies KindSpec<Organization>,
      brandnames: {
        entity: Brandname,
        entityType: 'brandname',
        organizationOf: (b: Brandname) => b.organizationId,
        toDto: BrandnameDto.from,
        scope: (b: Brandname) => ({ brandnameIds: [b.id] }),
        save: saveBrandname,
        // The three-year validity of a label runs from its approval.
        onApprove: (b: Brandname, now: Date) => Object.assign(b, { approvedAt: now, expiresAt: labelExpiry(now) }),
        applyRevision: (em, actor, b, changes) => brandnames.applyRevision(em, actor, b, changes),
      } satisfies KindSpec<Brandname>,
      numbers: {
        entity: CallerNumber,
        entityType: 'number',
        organizationOf: (n: CallerNumber) => n.organizationId,
        toDto: NumberDto.from,
        scope: (n: CallerNumber) => ({ e164s: [n.e164] }),
        // Approving a claim on a number live in another organization hits the live unique index.
        save: saveNumber,
        beforeAction: (em, actorId, n, action) => holdings.beforeReview(em, actorId, n, action),
        applyRevision: (em, _actor, n, changes) => numbers.applyRevision(em, n, changes),
      } satisfies KindSpec<CallerNumber>,
    };
  }

  async act(ctx: RequestContext, kind: ReviewableKind, id: string, action: ReviewAction, reason?: string): Promise<ItemDto> {
    const trimmed = requireReason(actionNeedsReason(action), action, reason);
    return this.dataSource.transaction((em: EntityManager) => this.actIn(em, ctx, kind, id, action, trimmed));
  }

  /** The same decision inside the caller's transaction (an application's approval, a carrier's confirmation). */
  async actIn(
    em: EntityManager,
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    action: ReviewAction,
    trimmed: string | null,
  ): Promise<ItemDto> {
    const spec = this.specs[kind];
    assertRoleMayReview(ctx.actor, action, spec.entityType);
    // The row lock makes two concurrent approvals take turns: the second sees 'active' and is refused.
    const row = await lockRow<Reviewable>(em, spec.entity, id, spec.entityType);
    assertMayReview(ctx.actor, action, spec.entityType, spec.organizationOf(row));
    const next = nextStatus(row.status, action);
    await checkFourEyes(em, ctx.actor.id, partiesBarredFrom(action, row));
    const afterSave = (await spec.beforeAction?.(em, ctx.actor.id, row, action)) ?? (async () => undefined);
    const pending = await this.revisions.pendingOf(em, spec.entityType, id, true);
    const before = spec.toDto(row, pending && RevisionDto.from(pending));
    Object.assign(row, { status: next, statusReason: trimmed, statusChangedBy: ctx.actor.id });
    if (action === 'approve') spec.onApprove?.(row, new Date());
    const saved = await spec.save(em, row);
    await afterSave();
    let stillPending = pending;
    if (pending && next === 'revoked') {
      // A revoked item's waiting change can never apply: it is closed with the item.
      await this.revisions.decide(em, ctx, pending, 'rejected', trimmed);
      stillPending = null;
    }
    const after = spec.toDto(saved, stillPending && RevisionDto.from(stillPending));
    await this.audit.record(em, ctx, {
      action: `${spec.entityType}.${action}`,
      entityType: spec.entityType,
      entityId: id,
      before,
      after,
    });
    await this.publisher.publish(em, spec.scope(saved));
    return after;
  }

  /**
   * Approves or rejects an item's pending revision. Approval is barred to its author (and to whoever created the
   * author's unvetted account); the new values answer lookups from this transaction's commit, with no gap.
   */
  async decideRevision(
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    reason?: string,
  ): Promise<ItemDto> {
    const trimmed = requireReason(decision === 'reject', `reject a revision`, reason);
    return this.dataSource.transaction((em: EntityManager) => this.decideRevisionIn(em, ctx, kind, id, decision, trimmed));
  }

  async decideRevisionIn(
    em: EntityManager,
    ctx: RequestContext,
    kind: ReviewableKind,
    id: string,
    decision: RevisionDecision,
    trimmed: string | null,
  ): Promise<ItemDto> {
    const spec = this.specs[kind];
    assertRoleMayReview(ctx.actor, `revision_${decision}`, spec.entityType);
    await spec.lockBeforeRevision?.(em);
    const row = await lockRow<Reviewable>(em, spec.entity, id, spec.entityType);
    assertMayReview(ctx.actor, `revision_${decision}`, spec.entityType, spec.organizationOf(row));
    const revision = await this.revisions.pendingOf(em, spec.entityType, id, true);
    if (!revision) throw new DomainError('NOT_FOUND', 'This item has no pending revision');
    if (decision === 'approve') await checkFourEyes(em, ctx.actor.id, revision.submittedBy ? [revision.submittedBy] : []);
    const before = spec.toDto(row, RevisionDto.from(revision));
    const saved = decision === 'approve' ? await spec.applyRevision(em, ctx.actor, row, revision.changes) : row;
    const decided = await this.revisions.decide(em, ctx, revision, decision === 'approve' ? 'approved' : 'rejected', trimmed);
    const after = spec.toDto(saved, null);
    await this.audit.record(em, ctx, {
      action: `${spec.entityType}.revision_${decision}`,
      entityType: spec.entityType,
      entityId: id,
      before,
      after: { ...after, decidedRevision: RevisionDto.from(decided), reason: trimmed },
    });
    if (decision === 'approve') await this.publisher.publish(em, spec.scope(saved));
    return after;
  }

  /**
   * One reviewer's approval of one item of a batch, in its own transaction: a pending item is approved, a live
   * one's pending revision is. Four eyes, the holding carrier and the audit apply as for a single approval.
   */
  async approveOne(ctx: RequestContext, kind: ReviewableKind, id: string, reason?: string): Promise<ItemDto> {
    const trimmed = reason?.trim() || null;
    const spec = this.specs[kind];
    return this.dataSource.transaction(async (em: EntityManager) => {
      const row = await em.findOneBy<Reviewable>(spec.entity, { id });
      if (!row) throw new DomainError('NOT_FOUND', `No such ${spec.entityType}`);
      // A status change between this read and the row lock is caught by the life cycle under the lock.
      if (row.status === 'pending') return this.actIn(em, ctx, kind, id, 'approve', trimmed);
      return this.decideRevisionIn(em, ctx, kind, id, 'approve', trimmed);
    });
  }
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
