import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { checkReorganization, isDomainError, mergedStatus, nextReorganizationStatus, ReorganizationHint } from '@app/domain';
import { Organization, Reorganization } from '@app/database';
import type { AuditRecord } from '../audit/audit.service';
import type { WriteOutcome } from '../pipeline/write-pipeline';
import { RevisionsService } from '../revisions/revisions.service';
import { ReorganizationDto } from './dto/reorganization.dto';
import { assertNoOverlap, loadPlan } from './reorganization-plan';
import { NumberBeforeMove, ReorganizationsRepository } from './reorganizations.repository';

/**
 * Runs a due reorganization inside the write pipeline's transaction, which holds the organization tree lock and
 * the reorganization's row lock. Every row it changes is locked before the pipeline appends the audit events it
 * returns (the audit chain's lock is held to commit, and other writers take row locks before it). The numbers
 * move, their entries are published with one version each and the `movedFrom` hint, and the lookups switch from
 * the old name to the new one at this commit: there is no instant between them.
 */
@Injectable()
export class ReorganizationRunner {
  constructor(
    private readonly revisions: RevisionsService,
    private readonly repo: ReorganizationsRepository,
  ) {}

  async run(em: EntityManager, r: Reorganization): Promise<WriteOutcome<Reorganization>> {
    const ctx = { actor: null };
    const audit: AuditRecord[] = [];
    const moving = await this.repo.numbersThatMove(em, r, true);
    const children: Organization[] = r.kind === 'merge' ? await this.repo.lockChildren(em, r.fromOrganizationId) : [];
    const from = await this.repo.lockSource(em, r.fromOrganizationId);
    await this.repo.shareTarget(em, r.toOrganizationId, r.toBrandnameId);
    try {
      checkReorganization(await loadPlan(this.repo, em, r));
      await assertNoOverlap(this.repo, em, r, moving);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      // Nothing moves: the old names keep answering, and the regulators see why.
      Object.assign(r, { status: nextReorganizationStatus(r.status, 'fail'), failureCode: err.code, failureMessage: err.message });
      const saved = await this.repo.save(em, r);
      return {
        result: saved,
        audit: { action: 'reorganization.fail', entityType: 'reorganization', entityId: r.id, after: ReorganizationDto.from(saved) },
      };
    }

    const ids = moving.map((n) => n.id);
    // A waiting change proposed under the old owner (its brandname, its origins) cannot apply under the new one.
    const waiting = ids.length ? await this.repo.lockWaitingRevisions(em, ids) : [];
    const before: NumberBeforeMove[] = ids.length ? await this.repo.numbersBeforeMove(em, ids) : [];
    if (ids.length) await this.repo.moveNumbers(em, ids, { organizationId: r.toOrganizationId, brandnameId: r.toBrandnameId });
    const closing = `Superseded: reorganization ${r.id} moved the number to another organization`;
    for (const v of waiting) await this.revisions.decide(em, ctx, v, 'rejected', closing);
    for (const n of before) {
      audit.push({
        action: 'number.reorganize',
        entityType: 'number',
        entityId: n.id,
        before: { number: n.e164, organizationId: n.organization_id, brandnameId: n.brandname_id, status: n.status },
        after: {
          number: n.e164,
          organizationId: r.toOrganizationId,
          brandnameId: r.toBrandnameId,
          status: n.status,
          reorganizationId: r.id,
        },
      });
    }

    if (r.kind === 'merge') {
      const orgBefore = { status: from.status, successorId: from.successorId };
      Object.assign(from, {
        status: mergedStatus(from.status),
        successorId: r.toOrganizationId,
        statusReason: r.reason,
        statusChangedBy: null,
      });
      await this.repo.saveOrganization(em, from);
      const pending = await this.revisions.pendingOf(em, 'organization', from.id, true);
      if (pending) await this.revisions.decide(em, ctx, pending, 'rejected', `Superseded: reorganization ${r.id} merged the organization`);
      audit.push({
        action: 'organization.merge',
        entityType: 'organization',
        entityId: from.id,
        before: orgBefore,
        after: { status: from.status, successorId: from.successorId, reorganizationId: r.id },
      });
      for (const child of children) {
        const parentBefore = child.parentId;
        child.parentId = r.toOrganizationId;
        await this.repo.saveOrganization(em, child);
        audit.push({
          action: 'organization.reparent',
          entityType: 'organization',
          entityId: child.id,
          before: { parentId: parentBefore },
          after: { parentId: child.parentId, reorganizationId: r.id },
        });
      }
    }

    const hint: ReorganizationHint = { id: r.id, kind: r.kind, movedFrom: { organizationCode: from.code } };
    const moved = new Map(before.map((n) => [n.e164, hint]));
    Object.assign(r, { status: nextReorganizationStatus(r.status, 'run'), completedAt: new Date(), movedNumbers: before.length });
    const saved = await this.repo.save(em, r);
    audit.push({ action: 'reorganization.complete', entityType: 'reorganization', entityId: r.id, after: ReorganizationDto.from(saved) });
    return {
      result: saved,
      audit,
      publish: { e164s: [...moved.keys()], organizationIds: [r.toOrganizationId, ...children.map((c) => c.id)] },
      publishOptions: { moved },
    };
  }
}
