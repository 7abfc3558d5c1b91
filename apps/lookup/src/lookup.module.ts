import { Module } from '@nestjs/common';
import { LookupIndex } from '@app/domain';
import { DatabaseModule } from '@app/database';
import { AppConfigModule } from '@app/platform';
import { CarrierDirectory } from './feed/carrier-directory';
import { FeedFollower } from './feed/feed-follower.service';
import { LookupHealthController } from './health/lookup-health.controller';
import { ApiKeyGuard } from './lookup/api-key.guard';
import { LookupMetrics } from './metrics/lookup-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { LookupController } from './lookup/lookup.controller';
import { LookupService } from './lookup/lookup.service';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';

@Module({
  imports: [AppConfigModule, DatabaseModule],
  controllers: [LookupController, SyncController, LookupHealthController, MetricsController],
  providers: [{ provide: LookupIndex, useFactory: () => new LookupIndex() }, CarrierDirectory, FeedFollower, LookupService, SyncService, ApiKeyGuard, LookupMetrics],
})
export class LookupModule {}
