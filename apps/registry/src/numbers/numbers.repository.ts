import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Author,
  CLAIM_STATUSES,
  DomainError,
  INITIAL_STATUS,
  LIVE_STATUSES,
  NumberDirection,
  NumberRegistration,
  ReviewStatus,
} from '@app/domain';
import { CallerNumber } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { lockRow } from '../common/locking';
import { sqlList } from '../common/sql';

const INSERT_CHUNK = 2_000;

export interface PendingClaim {
  reg: NumberRegistration;
  brandnameId: string;
}

export interface CompetingClaim {
  /** The number asked about. */
  self: string;
  numberId: string;
  organizationId: string;
  status: ReviewStatus;
}

export interface NumberSearchRow {
  id: string;
  e164: string;
  status: ReviewStatus;
  direction: NumberDirection;
  organization_id: string;
  code: string;
  name: string;
  label: string;
}

/**
 * Caller numbers: every query the number feature runs, in the domain's words. Status sets come from
 * libs/domain (LIVE_STATUSES, CLAIM_STATUSES), bound as parameters; each method takes the caller's entity
 * manager, so it runs in the write's transaction.
 */
@Injectable()
export class NumbersRepository {
  lock(em: EntityManager, id: string): Promise<CallerNumber> {
    return lockRow(em, CallerNumber, id, 'number');
  }

  /** Locked, or null when there is no such number (the caller answers as it must: a carrier's is "not held here"). */
  lockIfAny(em: EntityManager, id: string): Promise<CallerNumber | null> {
    return em.getRepository(CallerNumber).createQueryBuilder('n').setLock('pessimistic_write').where('n.id = :id', { id }).getOne();
  }

  find(em: EntityManager, id: string): Promise<CallerNumber | null> {
    return em.findOneBy(CallerNumber, { id });
  }

  /** Numbers by id, in number order. */
  byIds(em: EntityManager, ids: readonly string[]): Promise<CallerNumber[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return em.getRepository(CallerNumber).createQueryBuilder('n').where('n.id IN (:...ids)', { ids }).orderBy('n.e164').getMany();
  }

  page(em: EntityManager, organizationId: string, status: ReviewStatus | undefined, page: number, pageSize: number) {
    return em.getRepository(CallerNumber).findAndCount({
      where: { organizationId, ...(status ? { status } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  /** One claim per organization (and one live row per number) are unique indexes; either is DUPLICATE_NUMBER. */
  async save(em: EntityManager, n: CallerNumber): Promise<CallerNumber> {
    try {
      return await em.save(n);
    } catch (err) {
      if (uniqueViolation(err) !== null) throw duplicateNumber(n.e164);
      throw err;
    }
  }

  /** Numbers among `e164s` that are live (active or suspended) in another organization. */
  async liveElsewhere(em: EntityManager, organizationId: string, e164s: readonly string[]): Promise<string[]> {
    if (e164s.length === 0) return [];
    const rows: Array<{ e164: string }> = await em.query(
      `SELECT e164 FROM caller_numbers WHERE e164 = ANY($1) AND organization_id <> $2 AND status = ANY($3)`,
      [e164s, organizationId, LIVE_STATUSES],
    );
    return rows.map((r) => r.e164);
  }

  /** Numbers among `e164s` this organization already claims (pending, active or suspended). */
  async claimedHere(em: EntityManager, organizationId: string, e164s: readonly string[]): Promise<string[]> {
    if (e164s.length === 0) return [];
    const rows: Array<{ e164: string }> = await em.query(
      `SELECT e164 FROM caller_numbers WHERE e164 = ANY($1) AND organization_id = $2 AND status = ANY($3)`,
      [e164s, organizationId, CLAIM_STATUSES],
    );
    return rows.map((r) => r.e164);
  }

  /** Other organizations' claims on the same numbers that are not final. */
  async competingClaims(em: EntityManager, ids: readonly string[]): Promise<CompetingClaim[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ self: string; id: string; organization_id: string; status: ReviewStatus }> = await em.query(
      `SELECT s.id AS self, c.id, c.organization_id, c.status
         FROM caller_numbers s JOIN caller_numbers c ON c.e164 = s.e164 AND c.organization_id <> s.organization_id
        WHERE s.id = ANY($1) AND c.status = ANY($2)
        ORDER BY c.created_at, c.id`,
      [ids, CLAIM_STATUSES],
    );
    return rows.map((r) => ({ self: r.self, numberId: r.id, organizationId: r.organization_id, status: r.status }));
  }

  /**
   * Inserts pending claims in bulk, and returns the ids of those inserted with the numbers this organization
   * already claimed (kept out by ON CONFLICT, not an error). In number order: two imports sharing numbers then
   * wait for each other in one direction only (file order would let an ascending and a descending file deadlock).
   */
  async insertPendingClaims(
    em: EntityManager,
    claim: { organizationId: string; submittedBy: string | null; authors: readonly Author[] },
    unordered: readonly PendingClaim[],
  ): Promise<{ inserted: Array<{ id: string; e164: string }>; taken: string[] }> {
    const rows = [...unordered].sort((x, y) => (x.reg.e164 < y.reg.e164 ? -1 : x.reg.e164 > y.reg.e164 ? 1 : 0));
    const inserted: Array<{ id: string; e164: string }> = [];
    const taken: string[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      // ON CONFLICT names the claim index by its predicate, which must be written out: it is the domain's list.
      const done: Array<{ id: string; e164: string }> = await em.query(
        `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id, direction, allowed_origins,
                                     valid_from, valid_to, status, submitted_by, last_changed_by, review_authors)
         SELECT e, t, $1, b, d, CASE WHEN o = '' THEN '{}'::text[] ELSE string_to_array(o, ',') END, vf, vt, $11, $2, $2, $10::jsonb
           FROM unnest($3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::text[], $8::timestamptz[], $9::timestamptz[])
             AS r(e, t, b, d, o, vf, vt)
         ON CONFLICT (organization_id, e164) WHERE status IN (${sqlList(CLAIM_STATUSES)}) DO NOTHING
         RETURNING id, e164`,
        [
          claim.organizationId,
          claim.submittedBy,
          chunk.map((r) => r.reg.e164),
          chunk.map((r) => r.reg.type),
          chunk.map((r) => r.brandnameId),
          chunk.map((r) => r.reg.direction),
          chunk.map((r) => r.reg.allowedOrigins.join(',')),
          chunk.map((r) => r.reg.validFrom),
          chunk.map((r) => r.reg.validTo),
          JSON.stringify(claim.authors),
          INITIAL_STATUS,
        ],
      );
      inserted.push(...done);
      const got = new Set(done.map((r) => r.e164));
      taken.push(...chunk.filter((r) => !got.has(r.reg.e164)).map((r) => r.reg.e164));
    }
    return { inserted, taken };
  }

  /** Numbers whose E.164 starts with `prefix` ('+' and digits), with their organization and label; paged. */
  async search(
    em: EntityManager,
    filter: { prefix: string; organizationId?: string | null; status?: ReviewStatus },
    page: number,
    pageSize: number,
  ): Promise<{ rows: NumberSearchRow[]; total: number }> {
    const params: unknown[] = [`${filter.prefix}%`]; // '+' and digits only: nothing to escape
    const filters = ['n.e164 LIKE $1'];
    if (filter.organizationId) filters.push(`n.organization_id = $${params.push(filter.organizationId)}`);
    if (filter.status) filters.push(`n.status = $${params.push(filter.status)}`);
    const from = `FROM caller_numbers n JOIN organizations o ON o.id = n.organization_id
      JOIN brandnames b ON b.id = n.brandname_id WHERE ${filters.join(' AND ')}`;
    const [{ total }] = await em.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: NumberSearchRow[] = await em.query(
      `SELECT n.id, n.e164, n.status, n.direction, n.organization_id, o.code, o.name, b.label ${from}
       ORDER BY n.e164, n.created_at, n.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows, total };
  }

  /** How many numbers of the organization answer lookups (active or suspended). */
  async liveCount(em: EntityManager, organizationId: string): Promise<number> {
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM caller_numbers WHERE organization_id = $1 AND status = ANY($2)`, [
      organizationId,
      LIVE_STATUSES,
    ]);
    return n;
  }
}

export function duplicateNumber(e164: string): DomainError {
  return new DomainError('DUPLICATE_NUMBER', `${e164} is already registered`);
}
