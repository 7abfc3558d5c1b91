import { Global, Module } from '@nestjs/common';
import { RevisionsService } from './revisions.service';

/** Shared by every reviewed feature: they plan edits through it, reviews decide on what it holds. */
@Global()
@Module({ providers: [RevisionsService], exports: [RevisionsService] })
export class RevisionsModule {}
