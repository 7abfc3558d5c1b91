import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CLAIM_STATUSES,
  OPEN_REORGANIZATION_STATUSES,
  PENDING_REVISION_STATUS,
  ReorganizationStatus,
  ReviewStatus,
  SCHEDULED_REORGANIZATION_STATUS,
} from '@app/domain';
import { Organization, Reorganization, Revision } from '@app/database';
import { lockRow } from '../common/locking';

/** What a plan names: the fields the reads below need. */
export type PlanInput = Pick<Reorganization, 'id' | 'kind' | 'fromOrganizationId' | 'toOrganizationId' | 'toBrandnameId' | 'numberIds'>;

export interface OpenReorganization {
  id: string;
  kind: string;
  from_organization_id: string;
  number_ids: string[] | null;
}

/** A moving number as it was before the move (what its audit event's `before` says). */
export interface NumberBeforeMove {
  id: string;
  e164: string;
  organization_id: string;
  brandname_id: string;
  status: string;
}

/**
 * Reorganizations, and what planning and running one reads of organizations, brandnames, numbers and revisions.
 * Status sets come from libs/domain, bound as parameters; each method runs in the caller's transaction.
 */
@Injectable()
export class ReorganizationsRepository {
  lock(em: EntityManager, id: string): Promise<Reorganization> {
    return lockRow(em, Reorganization, id, 'reorganization');
  }

  find(em: EntityManager, id: string): Promise<Reorganization | null> {
    return em.getRepository(Reorganization).findOneBy({ id });
  }

  /** The newest 500 (by effective time), of one status or all. */
  list(em: EntityManager, status: ReorganizationStatus | undefined): Promise<Reorganization[]> {
    return em.getRepository(Reorganization).find({
      where: status ? { status } : {},
      order: { effectiveAt: 'DESC', createdAt: 'DESC' },
      take: 500,
    });
  }

  save(em: EntityManager, r: Reorganization): Promise<Reorganization> {
    return em.save(r);
  }

  /** The id of the scheduled reorganization due first at `now`, if any. */
  async nextDue(em: EntityManager, now: Date): Promise<string | null> {
    const [due] = await em.query(
      `SELECT id FROM reorganizations WHERE status = $2 AND effective_at <= $1 ORDER BY effective_at, id LIMIT 1`,
      [now, SCHEDULED_REORGANIZATION_STATUS],
    );
    return due ? due.id : null;
  }

  /** Other open reorganizations of the same source, and open merges of the target (what a new one may collide with). */
  openOverlapping(em: EntityManager, r: PlanInput): Promise<OpenReorganization[]> {
    return em.query(
      `SELECT id, kind, from_organization_id, number_ids FROM reorganizations
        WHERE status = ANY($4) AND id IS DISTINCT FROM $1
          AND (from_organization_id = $2 OR (kind = 'merge' AND from_organization_id = $3))`,
      [r.id ?? null, r.fromOrganizationId, r.toOrganizationId, OPEN_REORGANIZATION_STATUSES],
    );
  }

  /** Every organization, for the plan's checks (the target's chain, the source's tree). */
  organizationsForPlan(em: EntityManager): Promise<Array<{ id: string; code: string; status: ReviewStatus; parent_id: string | null }>> {
    return em.query('SELECT id, code, status, parent_id FROM organizations');
  }

  async targetBrandname(em: EntityManager, id: string): Promise<{ organization_id: string; status: ReviewStatus; label: string } | null> {
    const [brandname] = await em.query('SELECT organization_id, status, label FROM brandnames WHERE id = $1', [id]);
    return brandname ?? null;
  }

  /** The numbers a transfer names, as found (a missing one is absent). */
  numbersNamed(em: EntityManager, ids: readonly string[]): Promise<Array<{ id: string; organization_id: string; status: ReviewStatus }>> {
    return em.query('SELECT id, organization_id, status FROM caller_numbers WHERE id = ANY($1)', [ids]);
  }

  /** The numbers that move: every current number of the source for a merge, the named ones for a transfer; by id. */
  numbersThatMove(em: EntityManager, r: PlanInput, lock = false): Promise<Array<{ id: string; e164: string }>> {
    const forUpdate = lock ? ' ORDER BY id FOR UPDATE' : ' ORDER BY id';
    return r.kind === 'merge'
      ? em.query(`SELECT id, e164 FROM caller_numbers WHERE organization_id = $1 AND status = ANY($2)${forUpdate}`, [
          r.fromOrganizationId,
          CLAIM_STATUSES,
        ])
      : em.query(`SELECT id, e164 FROM caller_numbers WHERE id = ANY($1) AND organization_id = $2 AND status = ANY($3)${forUpdate}`, [
          r.numberIds,
          r.fromOrganizationId,
          CLAIM_STATUSES,
        ]);
  }

  /** One of `e164s` the organization already claims (pending, active or suspended), if any. */
  async claimedByTarget(em: EntityManager, organizationId: string, e164s: readonly string[]): Promise<string | null> {
    const [clash] = await em.query(
      `SELECT e164 FROM caller_numbers WHERE organization_id = $1 AND e164 = ANY($2) AND status = ANY($3) LIMIT 1`,
      [organizationId, e164s, CLAIM_STATUSES],
    );
    return clash ? clash.e164 : null;
  }

  /** A merge's source's sub-organizations, locked in id order (they move under the target). */
  lockChildren(em: EntityManager, parentId: string): Promise<Organization[]> {
    return em
      .getRepository(Organization)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.parent_id = :id', { id: parentId })
      .orderBy('o.id')
      .getMany();
  }

  lockSource(em: EntityManager, organizationId: string): Promise<Organization> {
    return lockRow(em, Organization, organizationId, 'source organization');
  }

  /** The target organization, then its brandname, FOR SHARE: neither changes under the move. */
  async shareTarget(em: EntityManager, organizationId: string, brandnameId: string): Promise<void> {
    await em.query('SELECT id FROM organizations WHERE id = $1 FOR SHARE', [organizationId]);
    await em.query('SELECT id FROM brandnames WHERE id = $1 FOR SHARE', [brandnameId]);
  }

  saveOrganization(em: EntityManager, org: Organization): Promise<Organization> {
    return em.save(org);
  }

  /** The pending change revisions of these numbers, locked (they cannot apply under the new owner). */
  lockWaitingRevisions(em: EntityManager, numberIds: readonly string[]): Promise<Revision[]> {
    return em
      .getRepository(Revision)
      .createQueryBuilder('v')
      .setLock('pessimistic_write')
      .where(`v.entity_type = 'number' AND v.status = :pending AND v.entity_id IN (:...ids)`, {
        ids: numberIds,
        pending: PENDING_REVISION_STATUS,
      })
      .getMany();
  }

  numbersBeforeMove(em: EntityManager, ids: readonly string[]): Promise<NumberBeforeMove[]> {
    return em.query('SELECT id, e164, organization_id, brandname_id, status FROM caller_numbers WHERE id = ANY($1) ORDER BY e164', [ids]);
  }

  /** Moves the numbers to the target organization and brandname (a new version each). */
  async moveNumbers(em: EntityManager, ids: readonly string[], to: { organizationId: string; brandnameId: string }): Promise<void> {
    await em.query(
      `UPDATE caller_numbers SET organization_id = $1, brandname_id = $2, version = version + 1, updated_at = now() WHERE id = ANY($3)`,
      [to.organizationId, to.brandnameId, ids],
    );
  }
}
