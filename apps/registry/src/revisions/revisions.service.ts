import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Author, DomainError, editModeOf, nextStatus, PolicyFields, PolicyKind, ReviewStatus, splitChange } from '@app/domain';
import { Revision, RevisionEntityType, RevisionKind } from '@app/database';
import type { RequestContext } from '../common/request-context';
import { PartiesRepository } from '../pipeline/parties.repository';
import { RevisionDto } from './dto/revision.dto';
import { RevisionsRepository } from './revisions.repository';

/** What an edit does, by the review policy: fields to write now, fields to hold in a revision. */
export interface EditPlan {
  apply: PolicyFields;
  revision: PolicyFields;
}

/**
 * Records who edited. A plan that changes anything, a proposal included, bumps the item's version, so whoever read
 * it before gets 409 VERSION_CONFLICT and sees the pending revision on reloading.
 */
export function markEdited(row: { lastChangedBy: string | null; updatedAt: Date }, actorId: string, plan: EditPlan): void {
  row.lastChangedBy = actorId;
  if (Object.keys(plan.apply).length + Object.keys(plan.revision).length > 0) row.updatedAt = new Date();
}

/**
 * Live revisions: a reviewed change to an active or suspended item is held here until someone other than its
 * author approves it; the item keeps answering as approved in the meantime.
 */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly parties: PartiesRepository,
    private readonly repo: RevisionsRepository,
  ) {}

  /**
   * Splits an edit by the review policy. A draft (pending item) takes everything in place; a live item takes its
   * immediate fields in place and holds the reviewed ones. While a revision is pending, nothing it holds may be
   * changed and no second revision may start (409 REVISION_PENDING).
   */
  async plan(
    em: EntityManager,
    kind: PolicyKind & RevisionEntityType,
    item: { id: string; status: ReviewStatus },
    live: PolicyFields,
    proposed: PolicyFields,
  ): Promise<EditPlan> {
    const mode = editModeOf(item.status);
    const split = splitChange(kind, live, proposed);
    const plan =
      mode === 'draft'
        ? { apply: { ...split.immediate, ...split.reviewed }, revision: {} }
        : { apply: split.immediate, revision: split.reviewed };
    const pending = await this.pendingOf(em, kind, item.id);
    if (pending) {
      const held = Object.keys(pending.changes);
      if (Object.keys(plan.revision).length > 0 || Object.keys(plan.apply).some((f) => held.includes(f))) {
        throw new DomainError(
          'REVISION_PENDING',
          'A change to this item is waiting for review; it must be approved or rejected before another change to the same fields',
        );
      }
    }
    return plan;
  }

  /**
   * Holds the plan's reviewed fields (if any) as a pending revision, with their `live` values as `previous` and
   * `extra` context (a look-alike override); returns the item's pending revision after the edit.
   */
  async hold(
    em: EntityManager,
    ctx: RequestContext,
    kind: RevisionEntityType,
    entityId: string,
    plan: EditPlan,
    live: PolicyFields,
    extra: Record<string, unknown> = {},
  ): Promise<RevisionDto | null> {
    const held = Object.keys(plan.revision);
    if (held.length > 0) {
      const previous = Object.fromEntries(held.map((k) => [k, live[k]]));
      await this.propose(em, ctx, kind, entityId, { ...plan.revision, ...extra }, previous);
    }
    return this.pendingDto(em, kind, entityId);
  }

  private async propose(
    em: EntityManager,
    ctx: RequestContext,
    kind: RevisionEntityType,
    entityId: string,
    changes: Record<string, unknown>,
    previous: Record<string, unknown>,
  ): Promise<Revision> {
    const author = await this.parties.author(em, ctx.actor, 'submitted');
    return this.insert(em, {
      entityType: kind,
      entityId,
      kind: 'change',
      changes,
      previous,
      submittedBy: ctx.actor.id,
      reviewAuthors: [author],
    });
  }

  /**
   * A requested reinstatement of a suspended item: it waits, like a revision, for a second person who is neither
   * the suspender nor the requester (nor can act as them). `authors` are both, frozen now.
   */
  async requestReinstate(
    em: EntityManager,
    ctx: RequestContext,
    kind: RevisionEntityType,
    item: { id: string; status: ReviewStatus; statusReason: string | null },
    authors: Author[],
    reason: string,
  ): Promise<Revision> {
    return this.insert(em, {
      entityType: kind,
      entityId: item.id,
      kind: 'reinstate',
      changes: { status: nextStatus(item.status, 'reinstate') },
      previous: { status: item.status, statusReason: item.statusReason },
      reason,
      submittedBy: ctx.actor.id,
      reviewAuthors: authors,
    });
  }

  private insert(em: EntityManager, fields: Partial<Revision>): Promise<Revision> {
    return this.repo.insert(em, fields);
  }

  pendingOf(
    em: EntityManager,
    kind: RevisionEntityType,
    entityId: string,
    lock = false,
    of: RevisionKind = 'change',
  ): Promise<Revision | null> {
    return this.repo.pendingOf(em, kind, entityId, lock, of);
  }

  /** Every pending revision of an item, of either kind (an item that leaves the registry closes them all). */
  allPendingOf(em: EntityManager, kind: RevisionEntityType, entityId: string): Promise<Revision[]> {
    return this.repo.allPendingOf(em, kind, entityId);
  }

  /** The pending revision (or reinstatement) of each item, for lists. */
  pendingRows(em: EntityManager, kind: RevisionEntityType, ids: string[], of: RevisionKind = 'change'): Promise<Map<string, Revision>> {
    return this.repo.pendingRows(em, kind, ids, of);
  }

  async pendingMap(em: EntityManager, kind: RevisionEntityType, ids: string[]): Promise<Map<string, RevisionDto>> {
    const rows = await this.pendingRows(em, kind, ids);
    return new Map([...rows].map(([id, r]) => [id, RevisionDto.from(r)]));
  }

  async pendingDto(em: EntityManager, kind: RevisionEntityType, id: string): Promise<RevisionDto | null> {
    return (await this.pendingMap(em, kind, [id])).get(id) ?? null;
  }

  async decide(
    em: EntityManager,
    ctx: { actor: { id: string } | null },
    revision: Revision,
    outcome: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<Revision> {
    // No actor: closed by the registry itself (a reorganization moved the item), on an approval recorded there.
    Object.assign(revision, { status: outcome, decidedBy: ctx.actor?.id ?? null, decidedAt: new Date(), decisionReason: reason });
    return this.repo.save(em, revision);
  }
}
