import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, PENDING_REVISION_STATUS } from '@app/domain';
import { Revision, RevisionEntityType, RevisionKind } from '@app/database';
import { uniqueViolation } from '../common/db-errors';

/** Revisions and requested reinstatements: one pending of each kind per item (a partial unique index). */
@Injectable()
export class RevisionsRepository {
  /** A second pending one of the same kind hits the unique index: REVISION_PENDING. */
  async insert(em: EntityManager, fields: Partial<Revision>): Promise<Revision> {
    try {
      return await em.save(em.create(Revision, { ...fields, status: PENDING_REVISION_STATUS }));
    } catch (err) {
      if (uniqueViolation(err) !== null) {
        throw new DomainError(
          'REVISION_PENDING',
          fields.kind === 'reinstate'
            ? 'A reinstatement of this item is already waiting for review'
            : 'A change to this item is already waiting for review',
        );
      }
      throw err;
    }
  }

  pendingOf(em: EntityManager, type: RevisionEntityType, entityId: string, lock: boolean, kind: RevisionKind): Promise<Revision | null> {
    const qb = em
      .getRepository(Revision)
      .createQueryBuilder('r')
      .where('r.entity_type = :type AND r.entity_id = :entityId AND r.status = :s AND r.kind = :kind', {
        type,
        entityId,
        s: PENDING_REVISION_STATUS,
        kind,
      });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Every pending revision of an item, of either kind, locked. */
  allPendingOf(em: EntityManager, type: RevisionEntityType, entityId: string): Promise<Revision[]> {
    return em
      .getRepository(Revision)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.entity_type = :type AND r.entity_id = :entityId AND r.status = :s', { type, entityId, s: PENDING_REVISION_STATUS })
      .orderBy('r.kind')
      .getMany();
  }

  /** Pending revisions of any of these items (of any type), locked: a reorganization closes them. */
  pendingOfNumbers(em: EntityManager, numberIds: readonly string[]): Promise<Revision[]> {
    if (numberIds.length === 0) return Promise.resolve([]);
    return em
      .getRepository(Revision)
      .createQueryBuilder('v')
      .setLock('pessimistic_write')
      .where(`v.entity_type = 'number' AND v.status = :s AND v.entity_id IN (:...ids)`, { s: PENDING_REVISION_STATUS, ids: numberIds })
      .getMany();
  }

  async pendingRows(
    em: EntityManager,
    type: RevisionEntityType | undefined,
    ids: readonly string[],
    kind: RevisionKind,
  ): Promise<Map<string, Revision>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(Revision, {
      where: { ...(type ? { entityType: type } : {}), entityId: In([...ids]), status: PENDING_REVISION_STATUS, kind },
    });
    return new Map(rows.map((r) => [r.entityId, r]));
  }

  save(em: EntityManager, revision: Revision): Promise<Revision> {
    return em.save(revision);
  }
}
