import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LIVE_STATUSES } from '@app/domain';

export interface CarrierPosition {
  code: string;
  name: string;
  synced_version: string | null;
  reported_at: Date | null;
}

export interface BrandedHour {
  carrier_code: string;
  hour: Date;
  answers: string;
  first_at: Date;
  last_at: Date;
}

/** What the lookups report (branded answers per hour, carriers' feed positions), and the versions they compare with. */
@Injectable()
export class RolloutRepository {
  async organizationExists(em: EntityManager, id: string): Promise<boolean> {
    const [org] = await em.query('SELECT id FROM organizations WHERE id = $1', [id]);
    return Boolean(org);
  }

  /** The registry's version, and the last version that changed (or publishes) one of the organization's live numbers. */
  async versions(
    em: EntityManager,
    organizationId: string,
  ): Promise<{ registry_version: string; changed: string | null; published: string | null }> {
    const [state] = await em.query(
      `SELECT (SELECT version FROM registry_state WHERE id = 1) AS registry_version,
              (SELECT max(c.version) FROM registry_changes c
                WHERE c.e164 IN (SELECT e164 FROM caller_numbers WHERE organization_id = $1)) AS changed,
              (SELECT max(p.version) FROM published_numbers p JOIN caller_numbers n ON n.e164 = p.e164
                WHERE n.organization_id = $1 AND n.status = ANY($2)) AS published`,
      [organizationId, LIVE_STATUSES],
    );
    return state;
  }

  /** Every carrier, with how far its copy has followed the feed (if it reported). */
  carrierPositions(em: EntityManager): Promise<CarrierPosition[]> {
    return em.query(
      `SELECT c.code, c.name, p.synced_version, p.reported_at
         FROM carriers c LEFT JOIN carrier_sync_positions p ON p.carrier_code = c.code ORDER BY c.code`,
    );
  }

  brandedHours(em: EntityManager, organizationId: string): Promise<BrandedHour[]> {
    return em.query(`SELECT carrier_code, hour, answers, first_at, last_at FROM branded_answer_counts WHERE organization_id = $1`, [
      organizationId,
    ]);
  }

  /** Deletes hourly counts before `cutoff`, except each carrier's earliest per organization (its firstBrandedAt). */
  async pruneBrandedCounts(em: EntityManager, cutoff: Date): Promise<void> {
    await em.query(
      `DELETE FROM branded_answer_counts b WHERE b.hour < $1 AND EXISTS (
         SELECT 1 FROM branded_answer_counts e
          WHERE e.organization_id = b.organization_id AND e.carrier_code = b.carrier_code AND e.hour < b.hour)`,
      [cutoff],
    );
  }
}
