import { Injectable } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import type { BrandedTally } from '../metrics/lookup-metrics';

const iso = (ms: number) => new Date(ms).toISOString();

/** One carrier's branded answers for one organization in one hour. */
export type CarrierTally = BrandedTally & { carrier: string };

/** Where a carrier's copy is: it asked the feed from `version` at `at` (ms). */
export interface SyncPosition {
  carrier: string;
  version: number;
  at: number;
}

/** What the lookups report to the registry's database (always the primary: a standby refuses writes). */
@Injectable()
export class RolloutRepository {
  /**
   * Adds the tallies to the hourly counts and moves the carriers' positions forward, in one statement. Carriers
   * and organizations are matched by code (a code unknown to the registry is dropped).
   */
  async addReport(primary: PrimaryDatabase, tallies: readonly CarrierTally[], positions: readonly SyncPosition[]): Promise<void> {
    await primary.query(
      `WITH counts AS (
         INSERT INTO branded_answer_counts AS b (organization_id, carrier_code, hour, answers, first_at, last_at)
         SELECT o.id, c.code, t.hour, t.answers, t.first_at, t.last_at
           FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
                AS t(carrier, org_code, hour, answers, first_at, last_at)
           JOIN carriers c ON c.code = t.carrier
           JOIN organizations o ON upper(o.code) = upper(t.org_code)
         ON CONFLICT (organization_id, carrier_code, hour) DO UPDATE
           SET answers = b.answers + EXCLUDED.answers, first_at = least(b.first_at, EXCLUDED.first_at),
               last_at = greatest(b.last_at, EXCLUDED.last_at)
         RETURNING 1
       )
       INSERT INTO carrier_sync_positions AS p (carrier_code, synced_version, reported_at)
       SELECT c.code, t.version, t.at
         FROM unnest($7::varchar[], $8::bigint[], $9::timestamptz[]) AS t(carrier, version, at)
         JOIN carriers c ON c.code = t.carrier
       ON CONFLICT (carrier_code) DO UPDATE SET synced_version = EXCLUDED.synced_version, reported_at = EXCLUDED.reported_at
         WHERE p.reported_at <= EXCLUDED.reported_at`,
      [
        tallies.map((t) => t.carrier),
        tallies.map((t) => t.organizationCode),
        tallies.map((t) => iso(t.hour)),
        tallies.map((t) => t.answers),
        tallies.map((t) => iso(t.firstAt)),
        tallies.map((t) => iso(t.lastAt)),
        positions.map((p) => p.carrier),
        positions.map((p) => p.version),
        positions.map((p) => iso(p.at)),
      ],
    );
  }
}
