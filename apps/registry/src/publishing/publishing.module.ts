import { Module } from '@nestjs/common';
import { RolloutModule } from '../rollout/rollout.module';
import { EntrySigner } from '../signing/entry-signer.service';
import { SigningKeysRepository } from '../signing/signing-keys.repository';
import { LookupPropagation } from './lookup-propagation.service';
import { FeedRetentionService } from './feed-retention.service';
import { PublishedNumbersRepository } from './published-numbers.repository';
import { RegistryPublisher } from './registry-publisher.service';
import { TimedPublisher } from './timed-publisher.service';

@Module({
  imports: [RolloutModule],
  providers: [
    EntrySigner,
    SigningKeysRepository,
    PublishedNumbersRepository,
    RegistryPublisher,
    FeedRetentionService,
    TimedPublisher,
    LookupPropagation,
  ],
  exports: [
    EntrySigner,
    SigningKeysRepository,
    PublishedNumbersRepository,
    RegistryPublisher,
    FeedRetentionService,
    TimedPublisher,
    LookupPropagation,
  ],
})
export class PublishingModule {}
