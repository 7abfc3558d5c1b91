import { Global, Module } from '@nestjs/common';
import { FeedRetentionService } from './feed-retention.service';
import { RegistryPublisher } from './registry-publisher.service';

@Global()
@Module({ providers: [RegistryPublisher, FeedRetentionService], exports: [RegistryPublisher, FeedRetentionService] })
export class PublishingModule {}
