import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { ApplicationWriter } from './application-writer';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [PipelineModule, ReviewsModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationWriter],
})
export class ApplicationsModule {}
