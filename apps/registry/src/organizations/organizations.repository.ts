import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { containsPattern, DomainError, FOLD_FROM, FOLD_TO, ReviewStatus } from '@app/domain';
import { Organization } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { lockRow } from '../common/locking';

// Serialises parent changes: two read-then-write cycle checks running at once could each pass and form a cycle.
const ORGANIZATION_TREE_LOCK = 7_428_105;

/** Organizations: the feature's queries, in the caller's transaction. */
@Injectable()
export class OrganizationsRepository {
  lock(em: EntityManager, id: string): Promise<Organization> {
    return lockRow(em, Organization, id, 'organization');
  }

  find(em: EntityManager, id: string): Promise<Organization | null> {
    return em.findOneBy(Organization, { id });
  }

  async mustFind(em: EntityManager, id: string, what = 'organization'): Promise<Organization> {
    const org = await this.find(em, id);
    if (!org) throw new DomainError('NOT_FOUND', `No such ${what}`);
    return org;
  }

  /**
   * Organizations by status and a folded search text (code, or name ignoring case and diacritics: the same folding
   * as foldText, in SQL, since PGlite has no unaccent); an agency admin's own only.
   */
  list(em: EntityManager, filter: { onlyId?: string | null; status?: ReviewStatus; folded?: string }): Promise<Organization[]> {
    const qb = em.getRepository(Organization).createQueryBuilder('o').orderBy('o.created_at', 'ASC');
    if (filter.onlyId !== undefined) qb.andWhere('o.id = :id', { id: filter.onlyId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.folded) {
      qb.andWhere(`(lower(o.code) LIKE :p ESCAPE '\\' OR lower(translate(o.name, :from, :to)) LIKE :p ESCAPE '\\')`, {
        p: containsPattern(filter.folded),
        from: FOLD_FROM,
        to: FOLD_TO,
      });
    }
    return qb.getMany();
  }

  /** By code, ignoring case (the CLI names organizations by code). */
  byCode(em: EntityManager, code: string): Promise<Organization | null> {
    return em.getRepository(Organization).createQueryBuilder('o').where('upper(o.code) = upper(:code)', { code }).getOne();
  }

  /** A code taken between a check and the write (a concurrent application) is DUPLICATE_CODE, not a 500. */
  async save(em: EntityManager, org: Organization): Promise<Organization> {
    try {
      return await em.save(org);
    } catch (err) {
      if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_CODE', `Organization code ${org.code} is taken`);
      throw err;
    }
  }

  /** Serialises parent changes and reorganizations; take it before any organization row lock. */
  async lockTree(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [ORGANIZATION_TREE_LOCK]);
  }

  /** Whether an organization or an open invitation already uses the code (ignoring case). */
  async codeInUse(em: EntityManager, code: string): Promise<boolean> {
    const [org] = await em.query('SELECT 1 FROM organizations WHERE upper(code) = $1', [code]);
    return Boolean(org);
  }
}
