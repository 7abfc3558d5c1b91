import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ItemAuthors } from './item-authors';
import { PartiesRepository } from './parties.repository';
import { WritePipeline } from './write-pipeline';

/** The write pipeline (it audits and publishes) and the four-eyes facts it reads; every feature that writes imports it. */
@Module({
  imports: [AuditModule, PublishingModule],
  providers: [PartiesRepository, ItemAuthors, WritePipeline],
  exports: [PartiesRepository, ItemAuthors, WritePipeline],
})
export class PipelineModule {}
