import { Global, Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ItemViews } from './item-views';
import { RevisionsService } from './revisions.service';

/** Shared by every reviewed feature: they plan edits through it, reviews decide on what it holds. */
@Global()
@Module({ imports: [PipelineModule], providers: [RevisionsService, ItemViews], exports: [RevisionsService, ItemViews] })
export class RevisionsModule {}
