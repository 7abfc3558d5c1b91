import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationStatus, DocumentKind, HoldingStatus, INITIAL_STATUS } from '@app/domain';
import { Application, StoredDocument } from '@app/database';
import { lockRow } from '../common/locking';

const DECISION: DocumentKind = 'decision';

/** Applications to join: the feature's queries, in the caller's transaction. */
@Injectable()
export class ApplicationsRepository {
  lock(em: EntityManager, id: string): Promise<Application> {
    return lockRow(em, Application, id, 'application');
  }

  find(em: EntityManager, id: string): Promise<Application | null> {
    return em.findOneBy(Application, { id });
  }

  /** Oldest first; an agency admin's own only. */
  list(em: EntityManager, filter: { organizationId?: string | null; status?: ApplicationStatus }): Promise<Application[]> {
    const qb = em.getRepository(Application).createQueryBuilder('a').orderBy('a.submitted_at', 'ASC').addOrderBy('a.id', 'ASC');
    if (filter.organizationId !== undefined) qb.andWhere('a.organization_id = :org', { org: filter.organizationId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return qb.getMany();
  }

  save(em: EntityManager, app: Application): Promise<Application> {
    return em.save(app);
  }

  async decisionDocuments(em: EntityManager, applicationId: string): Promise<number> {
    const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM documents WHERE application_id = $1 AND kind = $2`, [
      applicationId,
      DECISION,
    ]);
    return count;
  }

  documents(em: EntityManager, applicationId: string): Promise<StoredDocument[]> {
    return em.find(StoredDocument, { where: { applicationId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  /** The application's numbers still pending, optionally only those whose holding has the given status. */
  async pendingNumbers(em: EntityManager, applicationId: string, holding?: HoldingStatus): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT n.id FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id
        WHERE h.application_id = $1 AND n.status = $3 AND ($2::varchar IS NULL OR h.status = $2)
        ORDER BY n.e164`,
      [applicationId, holding ?? null, INITIAL_STATUS],
    );
    return rows.map((r) => r.id);
  }

  /** The same, locked, with each one's holding carrier and its word so far (an applicant's edit replaces them). */
  pendingNumbersForUpdate(
    em: EntityManager,
    applicationId: string,
  ): Promise<Array<{ id: string; e164: string; carrier: string | null; holding: HoldingStatus }>> {
    return em.query(
      `SELECT n.id, n.e164, h.carrier_code AS carrier, h.status AS holding
         FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id
        WHERE h.application_id = $1 AND n.status = $2 ORDER BY n.e164 FOR UPDATE OF n`,
      [applicationId, INITIAL_STATUS],
    );
  }
}
