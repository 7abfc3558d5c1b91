import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { assertCanRead } from '../common/access';
import type { Actor } from '../common/request-context';
import { CarrierRolloutDto, RolloutDto } from './dto/rollout.dto';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = 14;
/** Vietnam is UTC+7 all year (no daylight saving): days in the chart are Vietnamese days. */
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/**
 * Which carriers already show an organization's brand: what the lookup instances reported answering, and how
 * far each carrier's own copy has followed the feed.
 */
@Injectable()
export class RolloutService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(actor: Actor, organizationId: string, now = Date.now()): Promise<RolloutDto> {
    assertCanRead(actor, organizationId);
    const [org] = await this.dataSource.query('SELECT id FROM organizations WHERE id = $1', [organizationId]);
    if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
    const [state] = await this.dataSource.query(
      `SELECT (SELECT version FROM registry_state WHERE id = 1) AS registry_version,
              (SELECT max(c.version) FROM registry_changes c
                WHERE c.e164 IN (SELECT e164 FROM caller_numbers WHERE organization_id = $1)) AS changed,
              (SELECT max(p.version) FROM published_numbers p JOIN caller_numbers n ON n.e164 = p.e164
                WHERE n.organization_id = $1 AND n.status IN ('active', 'suspended')) AS published`,
      [organizationId],
    );
    const versions = [state.changed, state.published].filter((v) => v !== null).map(Number);
    const organizationVersion = versions.length ? Math.max(...versions) : null;
    const carriers: Array<{ code: string; name: string; synced_version: string | null; reported_at: Date | null }> =
      await this.dataSource.query(
        `SELECT c.code, c.name, p.synced_version, p.reported_at
         FROM carriers c LEFT JOIN carrier_sync_positions p ON p.carrier_code = c.code ORDER BY c.code`,
      );
    const since = dayStart(now) - (DAYS - 1) * DAY_MS;
    const hours: Array<{ carrier_code: string; hour: Date; answers: string; first_at: Date; last_at: Date }> = await this.dataSource.query(
      `SELECT carrier_code, hour, answers, first_at, last_at FROM branded_answer_counts WHERE organization_id = $1`,
      [organizationId],
    );
    const dto = (c: (typeof carriers)[number]): CarrierRolloutDto => {
      const mine = hours.filter((h) => h.carrier_code === c.code);
      const synced = c.synced_version === null ? null : Number(c.synced_version);
      const daily = new Map<number, number>();
      for (let d = 0; d < DAYS; d++) daily.set(since + d * DAY_MS, 0);
      let last24h = 0;
      for (const h of mine) {
        const at = new Date(h.hour).getTime();
        if (at > now - DAY_MS) last24h += Number(h.answers);
        const day = dayStart(at);
        if (daily.has(day)) daily.set(day, daily.get(day)! + Number(h.answers));
      }
      const first = mine.length ? Math.min(...mine.map((h) => new Date(h.first_at).getTime())) : null;
      const last = mine.length ? Math.max(...mine.map((h) => new Date(h.last_at).getTime())) : null;
      return {
        carrier: c.code,
        carrierName: c.name,
        syncedVersion: synced,
        syncedAt: c.reported_at ? new Date(c.reported_at).toISOString() : null,
        upToDate: synced !== null && (organizationVersion === null || synced >= organizationVersion),
        firstBrandedAt: first === null ? null : new Date(first).toISOString(),
        lastBrandedAt: last === null ? null : new Date(last).toISOString(),
        brandedLast24h: last24h,
        daily: [...daily].map(([day, answers]) => ({ date: new Date(day + VIETNAM_OFFSET_MS).toISOString().slice(0, 10), answers })),
      };
    };
    return { organizationId, organizationVersion, registryVersion: Number(state.registry_version), carriers: carriers.map(dto) };
  }
}

/** The UTC instant a Vietnamese day starts, for the day containing `ms`. */
function dayStart(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
}
