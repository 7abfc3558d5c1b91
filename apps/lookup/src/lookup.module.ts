import { Module } from '@nestjs/common';
import { LookupIndex } from '@app/domain';
import { DatabaseModule } from '@app/database';
import { AppConfigModule, AppLoggingModule, LookupConfig, MetricsModule } from '@app/platform';
import { CarrierDirectory } from './feed/carrier-directory';
import { FeedFollower } from './feed/feed-follower.service';
import { LookupHealthController } from './health/lookup-health.controller';
import { ApiKeyGuard } from './lookup/api-key.guard';
import { CarrierGate } from './lookup/carrier-gate';
import { LookupHttp } from './lookup/lookup-http';
import { LookupMetrics } from './metrics/lookup-metrics';
import { LookupController } from './lookup/lookup.controller';
import { LookupService } from './lookup/lookup.service';
import { RolloutReporter } from './rollout/rollout-reporter.service';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';

@Module({
  imports: [AppConfigModule.forApp(LookupConfig), AppLoggingModule.forRoot({ requestLines: 'app' }), DatabaseModule, MetricsModule],
  controllers: [LookupController, SyncController, LookupHealthController],
  providers: [
    { provide: LookupIndex, useFactory: () => new LookupIndex() },
    CarrierDirectory,
    FeedFollower,
    LookupService,
    SyncService,
    CarrierGate,
    ApiKeyGuard,
    LookupHttp,
    LookupMetrics,
    RolloutReporter,
  ],
})
export class LookupModule {}
