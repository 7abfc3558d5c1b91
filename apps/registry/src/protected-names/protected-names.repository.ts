import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  containsPattern,
  foldText,
  FOLD_FROM,
  FOLD_TO,
  PENDING_PROTECTED_NAME_PROPOSAL,
  ProtectedName,
  ProtectedNameList,
  ProtectedNameProposalStatus,
  PROTECTED_NAME_IN_FORCE,
  ProtectedNameStatus,
} from '@app/domain';
import { ProtectedNameProposal, ProtectedNameRow } from '@app/database';
import { lockRow } from '../common/locking';

const ACTIVE = PROTECTED_NAME_IN_FORCE;

/** The protected-name list and its proposals. Each method runs in the caller's transaction. */
@Injectable()
export class ProtectedNamesRepository {
  /** The list in force, compiled: what every name check of this transaction uses. */
  async activeList(em: EntityManager): Promise<ProtectedNameList> {
    return ProtectedNameList.of(await this.active(em));
  }

  async active(em: EntityManager): Promise<ProtectedName[]> {
    const rows = await em.getRepository(ProtectedNameRow).find({ where: { status: ACTIVE }, order: { term: 'ASC' } });
    return rows.map(toProtectedName);
  }

  /** Names of one status (or all), whose term or a spelling contains `q` (diacritics and case folded). */
  search(em: EntityManager, q: string | undefined, status: ProtectedNameStatus | undefined): Promise<ProtectedNameRow[]> {
    const query = em.getRepository(ProtectedNameRow).createQueryBuilder('p').orderBy('p.term', 'ASC').addOrderBy('p.id', 'ASC').take(2000);
    if (status) query.andWhere('p.status = :status', { status });
    const folded = q ? foldText(q) : '';
    if (folded) {
      query.andWhere(`lower(translate(p.term || ' ' || (p.spellings::text), :from, :to)) LIKE :pattern ESCAPE '\\'`, {
        from: FOLD_FROM,
        to: FOLD_TO,
        pattern: containsPattern(folded),
      });
    }
    return query.getMany();
  }

  find(em: EntityManager, id: string): Promise<ProtectedNameRow | null> {
    return em.getRepository(ProtectedNameRow).findOneBy({ id });
  }

  lock(em: EntityManager, id: string): Promise<ProtectedNameRow> {
    return lockRow(em, ProtectedNameRow, id, 'protected name');
  }

  save(em: EntityManager, row: ProtectedNameRow): Promise<ProtectedNameRow> {
    return em.save(row);
  }

  /** Whether another name in force has this term (case-insensitive), other than `exceptId`. */
  async termTaken(em: EntityManager, term: string, exceptId: string | null): Promise<boolean> {
    const [row] = await em.query(
      `SELECT 1 FROM protected_names WHERE status = $1 AND lower(term) = lower($2) AND id IS DISTINCT FROM $3 LIMIT 1`,
      [ACTIVE, term, exceptId],
    );
    return Boolean(row);
  }

  lockProposal(em: EntityManager, id: string): Promise<ProtectedNameProposal> {
    return lockRow(em, ProtectedNameProposal, id, 'protected-name proposal');
  }

  findProposal(em: EntityManager, id: string): Promise<ProtectedNameProposal | null> {
    return em.getRepository(ProtectedNameProposal).findOneBy({ id });
  }

  saveProposal(em: EntityManager, p: ProtectedNameProposal): Promise<ProtectedNameProposal> {
    return em.save(p);
  }

  /** Proposals of one status (or all), newest first (at most 500). */
  proposals(em: EntityManager, status: ProtectedNameProposalStatus | undefined): Promise<ProtectedNameProposal[]> {
    return em.getRepository(ProtectedNameProposal).find({ where: status ? { status } : {}, order: { createdAt: 'DESC' }, take: 500 });
  }

  /** The waiting proposal of each of these names. */
  async pendingFor(em: EntityManager, ids: readonly string[]): Promise<Map<string, ProtectedNameProposal>> {
    if (!ids.length) return new Map();
    const rows = await em
      .getRepository(ProtectedNameProposal)
      .createQueryBuilder('p')
      .where('p.protected_name_id = ANY(:ids)', { ids })
      .andWhere('p.status = :status', { status: PENDING_PROTECTED_NAME_PROPOSAL })
      .getMany();
    return new Map(rows.map((p) => [p.protectedNameId!, p]));
  }
}

export function toProtectedName(row: ProtectedNameRow): ProtectedName {
  return { id: row.id, term: row.term, spellings: row.spellings, kinds: row.kinds, source: row.source };
}
