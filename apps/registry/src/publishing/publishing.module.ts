import { Global, Module } from '@nestjs/common';
import { RegistryPublisher } from './registry-publisher.service';

@Global()
@Module({ providers: [RegistryPublisher], exports: [RegistryPublisher] })
export class PublishingModule {}
