import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { INITIAL_STATUS, PENDING_REVISION_STATUS } from '@app/domain';
import { Brandname, CallerNumber, Organization } from '@app/database';
import { ReviewableKind, ReviewChange } from './dto/review.dto';
import type { QueuePosition } from './review-cursor';

export interface QueueRow {
  kind: ReviewableKind;
  id: string;
  organization_id: string;
  change: ReviewChange;
  at: string;
}

/**
 * Everything waiting for a reviewer, from every organization, oldest first: pending items, the pending revisions
 * of live ones (an item is never both: a pending item is edited in place) and requested reinstatements.
 * Keyset-paged on (time, kind, id), so nothing is skipped or repeated between pages and there is no cap.
 * $1 is the pending item status, $2 the pending revision status.
 */
const QUEUE_SQL = `
  SELECT 'organizations' AS kind, o.id, o.id AS organization_id, 'new' AS change, o.updated_at AS at
    FROM organizations o WHERE o.status = $1
  UNION ALL
  SELECT 'brandnames', b.id, b.organization_id, 'new', b.updated_at FROM brandnames b WHERE b.status = $1
  UNION ALL
  SELECT 'numbers', n.id, n.organization_id, 'new', n.updated_at FROM caller_numbers n WHERE n.status = $1
  UNION ALL
  SELECT r.entity_type || 's', r.entity_id,
         COALESCE(ro.id, rb.organization_id, rn.organization_id), CASE r.kind WHEN 'reinstate' THEN 'reinstate' ELSE 'revision' END,
         r.created_at
    FROM revisions r
    LEFT JOIN organizations ro ON r.entity_type = 'organization' AND ro.id = r.entity_id
    LEFT JOIN brandnames rb ON r.entity_type = 'brandname' AND rb.id = r.entity_id
    LEFT JOIN caller_numbers rn ON r.entity_type = 'number' AND rn.id = r.entity_id
   WHERE r.status = $2 AND COALESCE(ro.id, rb.id, rn.id) IS NOT NULL`;

/** The review queue's reads. */
@Injectable()
export class ReviewQueueRepository {
  async page(
    em: EntityManager,
    filter: { kind?: ReviewableKind; organizationId?: string },
    after: QueuePosition | null,
    limit: number,
  ): Promise<{ rows: QueueRow[]; total: number }> {
    const filters: string[] = [];
    const params: unknown[] = [INITIAL_STATUS, PENDING_REVISION_STATUS];
    if (filter.kind) filters.push(`q.kind = $${params.push(filter.kind)}`);
    if (filter.organizationId) filters.push(`q.organization_id = $${params.push(filter.organizationId)}`);
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM (${QUEUE_SQL}) q ${where}`, params);
    const pageFilters = [...filters];
    const pageParams = [...params];
    if (after) {
      pageFilters.push(
        `(q.at, q.kind, q.id) > ($${pageParams.push(after.at)}::timestamptz, $${pageParams.push(after.kind)}, $${pageParams.push(after.id)}::uuid)`,
      );
    }
    const rows: QueueRow[] = await em.query(
      `SELECT q.kind, q.id, q.organization_id, q.change, q.at::text AS at FROM (${QUEUE_SQL}) q
       ${pageFilters.length ? `WHERE ${pageFilters.join(' AND ')}` : ''}
       ORDER BY q.at, q.kind, q.id LIMIT $${pageParams.push(limit)}`,
      pageParams,
    );
    return { rows, total };
  }

  organizations(em: EntityManager, ids: readonly string[]): Promise<Organization[]> {
    return em.findBy(Organization, { id: In([...ids]) });
  }

  brandnames(em: EntityManager, ids: readonly string[]): Promise<Brandname[]> {
    return em.findBy(Brandname, { id: In([...ids]) });
  }

  numbers(em: EntityManager, ids: readonly string[]): Promise<CallerNumber[]> {
    return em.findBy(CallerNumber, { id: In([...ids]) });
  }
}
