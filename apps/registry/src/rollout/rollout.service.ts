import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { assertCanRead } from '../common/access';
import type { Actor } from '../common/request-context';
import { CarrierRolloutDto, RolloutDto } from './dto/rollout.dto';
import { CarrierPosition, RolloutRepository } from './rollout.repository';

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollout: RolloutRepository,
  ) {}

  async of(actor: Actor, organizationId: string, now = Date.now()): Promise<RolloutDto> {
    assertCanRead(actor, organizationId);
    const em = this.dataSource.manager;
    if (!(await this.rollout.organizationExists(em, organizationId))) throw new DomainError('NOT_FOUND', 'No such organization');
    const state = await this.rollout.versions(em, organizationId);
    const versions = [state.changed, state.published].filter((v) => v !== null).map(Number);
    const organizationVersion = versions.length ? Math.max(...versions) : null;
    const carriers = await this.rollout.carrierPositions(em);
    const since = dayStart(now) - (DAYS - 1) * DAY_MS;
    const hours = await this.rollout.brandedHours(em, organizationId);
    const dto = (c: CarrierPosition): CarrierRolloutDto => {
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
