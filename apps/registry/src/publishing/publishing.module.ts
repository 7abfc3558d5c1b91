import { Global, Module } from '@nestjs/common';
import { FeedRetentionService } from './feed-retention.service';
import { RegistryPublisher } from './registry-publisher.service';
import { TimedPublisher } from './timed-publisher.service';

@Global()
@Module({
  providers: [RegistryPublisher, FeedRetentionService, TimedPublisher],
  exports: [RegistryPublisher, FeedRetentionService, TimedPublisher],
})
export class PublishingModule {}
