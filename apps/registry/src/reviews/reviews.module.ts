import { Module } from '@nestjs/common';
import { NumberHoldingsModule } from '../number-holdings/number-holdings.module';
import { RevisionsModule } from '../revisions/revisions.module';
import { BrandnamesModule } from '../brandnames/brandnames.module';
import { NumbersModule } from '../numbers/numbers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { UsersModule } from '../users/users.module';
import { BulkApprovalService } from './bulk-approval.service';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';
import { BrandnameReviewsController, NumberReviewsController, OrganizationReviewsController } from './reviews.controller';
import { ReviewQueueRepository } from './review-queue.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [NumberHoldingsModule, RevisionsModule, PipelineModule, OrganizationsModule, BrandnamesModule, NumbersModule, UsersModule],
  controllers: [ReviewQueueController, OrganizationReviewsController, BrandnameReviewsController, NumberReviewsController],
  providers: [ReviewsService, ReviewQueueService, BulkApprovalService, ReviewQueueRepository],
  exports: [ReviewsService],
})
export class ReviewsModule {}
