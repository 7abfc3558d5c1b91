import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DocumentUsage, RecentUploads } from '@app/domain';
import { StoredDocument } from '@app/database';

/** Stored files (their bytes are read only when asked for: the column is not selected by default). */
@Injectable()
export class DocumentsRepository {
  save(em: EntityManager, doc: StoredDocument): Promise<StoredDocument> {
    return em.save(doc);
  }

  /** An application's documents, without their bytes, in upload order. */
  listFor(em: EntityManager, applicationId: string): Promise<StoredDocument[]> {
    return em.find(StoredDocument, { where: { applicationId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  /** One document of an application, with its bytes. */
  withContent(em: EntityManager, applicationId: string, id: string): Promise<StoredDocument | null> {
    return em
      .getRepository(StoredDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id AND d.application_id = :applicationId', { id, applicationId })
      .getOne();
  }

  /**
   * Holds, until the transaction ends, the right to add documents to an organization's applications (or, with a
   * user id, to count an account's uploads), so that two parallel uploads cannot both pass a quota: the second
   * counts after the first committed. Transaction-scoped advisory locks: no row is locked for other writes.
   * Callers take an organization's before an account's, always.
   */
  async lockQuota(em: EntityManager, scope: 'organization' | 'uploader', id: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`documents:${scope}:${id}`]);
  }

  /** What an application and its whole organization store already. */
  async usage(em: EntityManager, applicationId: string, organizationId: string): Promise<DocumentUsage> {
    const [row] = await em.query(
      `SELECT count(*) FILTER (WHERE d.application_id = $1)::int AS "applicationCount",
              coalesce(sum(d.size_bytes) FILTER (WHERE d.application_id = $1), 0)::bigint AS "applicationBytes",
              coalesce(sum(d.size_bytes), 0)::bigint AS "organizationBytes"
         FROM documents d JOIN applications a ON a.id = d.application_id
        WHERE a.organization_id = $2`,
      [applicationId, organizationId],
    );
    return {
      applicationCount: row.applicationCount,
      applicationBytes: Number(row.applicationBytes),
      organizationBytes: Number(row.organizationBytes),
    };
  }

  /** An account's uploads stored in the last `windowSeconds`, by the database's clock. */
  async recentUploads(em: EntityManager, userId: string, windowSeconds: number): Promise<RecentUploads> {
    const [row] = await em.query(
      `SELECT count(*)::int AS count, min(uploaded_at) AS "oldestAt", now() AS now
         FROM documents WHERE uploaded_by = $1 AND uploaded_at > now() - make_interval(secs => $2)`,
      [userId, windowSeconds],
    );
    return { count: row.count, oldestAt: row.oldestAt ? new Date(row.oldestAt) : null, now: new Date(row.now) };
  }
}
