import { Module } from '@nestjs/common';
import { ItemAuthors } from './item-authors';
import { PartiesRepository } from './parties.repository';
import { WritePipeline } from './write-pipeline';

/** The write pipeline and the four-eyes facts it reads; every feature that writes imports it. */
@Module({
  providers: [PartiesRepository, ItemAuthors, WritePipeline],
  exports: [PartiesRepository, ItemAuthors, WritePipeline],
})
export class PipelineModule {}
