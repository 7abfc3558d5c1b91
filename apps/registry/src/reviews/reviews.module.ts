import { Module } from '@nestjs/common';
import { BrandnamesModule } from '../brandnames/brandnames.module';
import { NumbersModule } from '../numbers/numbers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { BulkApprovalService } from './bulk-approval.service';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [PipelineModule, OrganizationsModule, BrandnamesModule, NumbersModule],
  // The queue's static paths first, so that `reviews/approve` is never read as `:kind/:id/...`.
  controllers: [ReviewQueueController, ReviewsController],
  providers: [ReviewsService, ReviewQueueService, BulkApprovalService],
  exports: [ReviewsService],
})
export class ReviewsModule {}
