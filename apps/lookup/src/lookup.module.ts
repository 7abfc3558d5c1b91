import { Module } from '@nestjs/common';
import { LookupIndex, PublishedNames } from '@app/domain';
import { DatabaseModule } from '@app/database';
import { AppConfigModule, AppLoggingModule, LookupConfig, MetricsModule } from '@app/platform';
import { CarrierDirectory } from './feed/carrier-directory';
import { CarrierKeysRepository } from './feed/carrier-keys.repository';
import { LookupPresence } from './feed/lookup-presence';
import { LookupPresenceRepository } from './feed/lookup-presence.repository';
import { FeedFollower } from './feed/feed-follower.service';
import { FeedRepository } from './feed/feed.repository';
import { OrganizationKinds } from './feed/organization-kinds';
import { ScreeningController } from './screening/screening.controller';
import { ScreeningService } from './screening/screening.service';
import { LookupHealthController } from './health/lookup-health.controller';
import { ApiKeyGuard } from './lookup/api-key.guard';
import { CarrierGate } from './lookup/carrier-gate';
import { LookupHttp } from './lookup/lookup-http';
import { LookupMetrics } from './metrics/lookup-metrics';
import { LookupController } from './lookup/lookup.controller';
import { LookupService } from './lookup/lookup.service';
import { RolloutReporter } from './rollout/rollout-reporter.service';
import { RolloutRepository } from './rollout/rollout.repository';
import { PublicCheckController } from './public-check/public-check.controller';
import { CheckPageController } from './public-check/check-page.controller';
import { ClientAddress } from './public-check/client';
import { PublicCheckService } from './public-check/public-check.service';
import { JwksController } from './signing/jwks.controller';
import { JwksService } from './signing/jwks.service';
import { PublicKeysRepository } from './signing/public-keys.repository';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';
import { TrailerSignatures } from './sync/trailer-signatures.service';
import { TrailerSignaturesRepository } from './sync/trailer-signatures.repository';

@Module({
  imports: [AppConfigModule.forApp(LookupConfig), AppLoggingModule.forRoot({ requestLines: 'app' }), DatabaseModule, MetricsModule],
  controllers: [
    LookupController,
    ScreeningController,
    SyncController,
    LookupHealthController,
    JwksController,
    PublicCheckController,
    CheckPageController,
  ],
  providers: [
    { provide: LookupIndex, useFactory: () => new LookupIndex() },
    { provide: PublishedNames, useFactory: () => new PublishedNames() },
    OrganizationKinds,
    ScreeningService,
    CarrierDirectory,
    FeedFollower,
    LookupPresence,
    LookupPresenceRepository,
    LookupService,
    SyncService,
    CarrierGate,
    ApiKeyGuard,
    LookupHttp,
    LookupMetrics,
    RolloutReporter,
    TrailerSignatures,
    JwksService,
    PublicCheckService,
    ClientAddress,
    FeedRepository,
    CarrierKeysRepository,
    TrailerSignaturesRepository,
    PublicKeysRepository,
    RolloutRepository,
  ],
})
export class LookupModule {}
