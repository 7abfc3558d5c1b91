import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ItemViews } from './item-views';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

/** Shared by every reviewed feature: they plan edits through it, reviews decide on what it holds. */

@Module({
  imports: [PipelineModule],
  providers: [RevisionsService, ItemViews, RevisionsRepository],
  exports: [RevisionsService, ItemViews, RevisionsRepository],
})
export class RevisionsModule {}
