import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import { LookupConfig } from '@app/platform';
import { LookupMetrics } from '../metrics/lookup-metrics';

/**
 * Reports what this instance saw to the registry's database, on a timer and never on a request: branded answers
 * per carrier, organization and hour (each lookup instance adds its own), and where each carrier following the
 * feed is. It writes to the primary (DATABASE_URL): the lookup may read a standby, which refuses writes. One statement per report. Counts are handed over before the write and never written twice: a failed
 * or uncertain write loses them (tolerable) rather than risking a double count on retry.
 */
@Injectable()
export class RolloutReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RolloutReporter');
  private readonly everyMs: number;
  private timer: NodeJS.Timeout | null = null;
  private positions = new Map<string, { version: number; at: number }>();

  constructor(
    private readonly primary: PrimaryDatabase,
    private readonly metrics: LookupMetrics,
    config: LookupConfig,
  ) {
    this.everyMs = config.LOOKUP_ROLLOUT_REPORT_SECONDS * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.report(), this.everyMs);
    this.timer.unref();
  }

  /** The last counts go out with the instance; the primary's pool closes after this last write. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.report();
    await this.primary.end().catch(() => undefined);
  }

  /** A carrier asked the feed from `version` (or loaded a snapshot at it): it holds everything up to there. */
  synced(carrierCode: string, version: number): void {
    this.positions.set(carrierCode, { version, at: Date.now() });
  }

  async report(): Promise<void> {
    const tallies = [...this.metrics.all()].flatMap((cells) => cells.takeBranded().map((t) => ({ carrier: cells.carrier, ...t })));
    const positions = [...this.positions];
    this.positions = new Map();
    if (tallies.length === 0 && positions.length === 0) return;
    const iso = (ms: number) => new Date(ms).toISOString();
    try {
      // Carriers and organizations are matched by code here (a code unknown to the registry is dropped).
      await this.primary.query(
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
          positions.map(([carrier]) => carrier),
          positions.map(([, p]) => p.version),
          positions.map(([, p]) => iso(p.at)),
        ],
      );
    } catch (err) {
      this.logger.warn(`Rollout report lost (${tallies.length} tallies, ${positions.length} positions): ${(err as Error).message}`);
    }
  }
}
