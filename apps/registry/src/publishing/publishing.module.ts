import { Global, Module } from '@nestjs/common';
import { FeedRetentionService } from './feed-retention.service';
import { RegistryPublisher } from './registry-publisher.service';
import { TimedPublisher } from './timed-publisher.service';
import { EntrySigner } from '../signing/entry-signer.service';

@Global()
@Module({
  providers: [EntrySigner, RegistryPublisher, FeedRetentionService, TimedPublisher],
  exports: [EntrySigner, RegistryPublisher, FeedRetentionService, TimedPublisher],
})
export class PublishingModule {}
