import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLAIM_STATUSES, DomainError } from '@app/domain';
import { Brandname } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { lockRow } from '../common/locking';
import type { Rival } from './lookalike-check';

// Serialises the look-alike check with the write it guards (a look-alike could otherwise slip in between).
const BRANDNAME_NAMES_LOCK = 7_428_103;

/** Brandnames: the feature's queries, in the caller's transaction. */
@Injectable()
export class BrandnamesRepository {
  lock(em: EntityManager, id: string): Promise<Brandname> {
    return lockRow(em, Brandname, id, 'brandname');
  }

  find(em: EntityManager, id: string): Promise<Brandname | null> {
    return em.findOneBy(Brandname, { id });
  }

  ofOrganization(em: EntityManager, organizationId: string): Promise<Brandname[]> {
    return em.find(Brandname, { where: { organizationId }, order: { createdAt: 'ASC' } });
  }

  /** The organization's brandnames that still hold their label (not rejected or revoked), by label key. */
  async claimingByLabel(em: EntityManager, organizationId: string): Promise<Map<string, Brandname>> {
    const rows = await em
      .getRepository(Brandname)
      .createQueryBuilder('b')
      .where('b.organization_id = :organizationId AND b.status = ANY(:statuses)', { organizationId, statuses: CLAIM_STATUSES })
      .getMany();
    return new Map(rows.map((b) => [b.labelKey, b]));
  }

  /** Whether another brandname holds the label nationally (the unique index's rule, asked in advance). */
  async labelTaken(em: EntityManager, labelKey: string, exceptId: string | null): Promise<boolean> {
    const [taken] = await em.query(
      `SELECT 1 FROM brandnames WHERE label_key = $1 AND status = ANY($3) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [labelKey, exceptId, CLAIM_STATUSES],
    );
    return Boolean(taken);
  }

  /**
   * Every other organization's name that still holds its label (not the same label: the unique index answers
   * that), under the look-alike lock, held until the caller's transaction ends.
   */
  async lookalikeRivals(em: EntityManager, organizationId: string, labelKey: string, selfId: string | null): Promise<Rival[]> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [BRANDNAME_NAMES_LOCK]);
    return em.query(
      `SELECT b.label, o.code, b.skeletons FROM brandnames b JOIN organizations o ON o.id = b.organization_id
        WHERE b.organization_id <> $1 AND b.label_key <> $2 AND b.status = ANY($4) AND ($3::uuid IS NULL OR b.id <> $3::uuid)`,
      [organizationId, labelKey, selfId, CLAIM_STATUSES],
    );
  }

  async save(em: EntityManager, b: Brandname): Promise<Brandname> {
    try {
      return await em.save(b);
    } catch (err) {
      if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_LABEL', `The label "${b.label}" is already registered`);
      throw err;
    }
  }
}
