import { Module } from '@nestjs/common';
import { ProtectedNameListModule } from '../protected-names/protected-name-list.module';
import { RolloutModule } from '../rollout/rollout.module';
import { EntrySigner } from '../signing/entry-signer.service';
import { SigningKeysRepository } from '../signing/signing-keys.repository';
import { LookupPropagation } from './lookup-propagation.service';
import { FeedRetentionService } from './feed-retention.service';
import { ProtectedNamePublisher } from './protected-name-publisher.service';
import { PublishedNumbersRepository } from './published-numbers.repository';
import { PublishedProtectedNamesRepository } from './published-protected-names.repository';
import { RegistryPublisher } from './registry-publisher.service';
import { TimedPublisher } from './timed-publisher.service';

/** Everything here is used by the feature modules' writes (the pipeline publishes), so all of it is exported. */
const PROVIDERS = [
  EntrySigner,
  SigningKeysRepository,
  PublishedNumbersRepository,
  PublishedProtectedNamesRepository,
  ProtectedNamePublisher,
  RegistryPublisher,
  FeedRetentionService,
  TimedPublisher,
  LookupPropagation,
];

@Module({
  imports: [RolloutModule, ProtectedNameListModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class PublishingModule {}
