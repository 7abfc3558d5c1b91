import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { checkReorganization, isDomainError, mergedStatus, nextReorganizationStatus, ReorganizationHint } from '@app/domain';
import { Organization, Reorganization, Revision } from '@app/database';
import { AuditContext, AuditService } from '../audit/audit.service';
import { lockRow } from '../common/locking';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { RevisionsService } from '../revisions/revisions.service';
import { ReorganizationDto } from './dto/reorganization.dto';
import { assertNoOverlap, loadPlan, numbersThatMove } from './reorganization-plan';

/**
 * Runs a due reorganization in the caller's transaction, which holds the organization tree lock and the
 * reorganization's row lock. Every row it changes is locked before the first audit event (the audit chain's
 * lock is held to commit, and other writers take row locks before it). The numbers move, their entries are
 * published with one version each and the `movedFrom` hint, and the lookups switch from the old name to the
 * new one at this commit: there is no instant between them.
 */
@Injectable()
export class ReorganizationRunner {
  constructor(
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
    private readonly revisions: RevisionsService,
  ) {}

  async run(em: EntityManager, r: Reorganization): Promise<Reorganization> {
    const ctx: AuditContext = { actor: null, requestId: `reorganization:${r.id}`, ip: null };
    const moving = await numbersThatMove(em, r, true);
    const children: Organization[] =
      r.kind === 'merge'
        ? await em
            .getRepository(Organization)
            .createQueryBuilder('o')
            .setLock('pessimistic_write')
            .where('o.parent_id = :id', { id: r.fromOrganizationId })
            .orderBy('o.id')
            .getMany()
        : [];
    const from = await lockRow(em, Organization, r.fromOrganizationId, 'source organization');
    await em.query('SELECT id FROM organizations WHERE id = $1 FOR SHARE', [r.toOrganizationId]);
    await em.query('SELECT id FROM brandnames WHERE id = $1 FOR SHARE', [r.toBrandnameId]);
    try {
      checkReorganization(await loadPlan(em, r));
      await assertNoOverlap(em, r, moving);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      // Nothing moves: the old names keep answering, and the regulators see why.
      Object.assign(r, { status: nextReorganizationStatus(r.status, 'fail'), failureCode: err.code, failureMessage: err.message });
      const saved = await em.save(r);
      await this.audit.record(em, ctx, {
        action: 'reorganization.fail',
        entityType: 'reorganization',
        entityId: r.id,
        after: ReorganizationDto.from(saved),
      });
      return saved;
    }

    const ids = moving.map((n) => n.id);
    // A waiting change proposed under the old owner (its brandname, its origins) cannot apply under the new one.
    const waiting = ids.length
      ? await em
          .getRepository(Revision)
          .createQueryBuilder('v')
          .setLock('pessimistic_write')
          .where(`v.entity_type = 'number' AND v.status = 'pending' AND v.entity_id IN (:...ids)`, { ids })
          .getMany()
      : [];
    const before: Array<{ id: string; e164: string; organization_id: string; brandname_id: string; status: string }> = ids.length
      ? await em.query('SELECT id, e164, organization_id, brandname_id, status FROM caller_numbers WHERE id = ANY($1) ORDER BY e164', [ids])
      : [];
    if (ids.length) {
      await em.query(
        `UPDATE caller_numbers SET organization_id = $1, brandname_id = $2, version = version + 1, updated_at = now() WHERE id = ANY($3)`,
        [r.toOrganizationId, r.toBrandnameId, ids],
      );
    }
    const closing = `Superseded: reorganization ${r.id} moved the number to another organization`;
    for (const v of waiting) await this.revisions.decide(em, ctx, v, 'rejected', closing);
    for (const n of before) {
      await this.audit.record(em, ctx, {
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
      await em.save(from);
      const pending = await this.revisions.pendingOf(em, 'organization', from.id, true);
      if (pending) await this.revisions.decide(em, ctx, pending, 'rejected', `Superseded: reorganization ${r.id} merged the organization`);
      await this.audit.record(em, ctx, {
        action: 'organization.merge',
        entityType: 'organization',
        entityId: from.id,
        before: orgBefore,
        after: { status: from.status, successorId: from.successorId, reorganizationId: r.id },
      });
      for (const child of children) {
        const parentBefore = child.parentId;
        child.parentId = r.toOrganizationId;
        await em.save(child);
        await this.audit.record(em, ctx, {
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
    await this.publisher.publish(
      em,
      { e164s: [...moved.keys()], organizationIds: [r.toOrganizationId, ...children.map((c) => c.id)] },
      { moved },
    );
    Object.assign(r, { status: nextReorganizationStatus(r.status, 'run'), completedAt: new Date(), movedNumbers: before.length });
    const saved = await em.save(r);
    await this.audit.record(em, ctx, {
      action: 'reorganization.complete',
      entityType: 'reorganization',
      entityId: r.id,
      after: ReorganizationDto.from(saved),
    });
    return saved;
  }
}
