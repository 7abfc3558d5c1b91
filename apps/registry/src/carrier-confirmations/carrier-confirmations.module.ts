import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { CarrierConfirmationsController, OnBehalfConfirmationsController } from './carrier-confirmations.controller';
import { CarrierConfirmationsService } from './carrier-confirmations.service';

@Module({
  imports: [PipelineModule, ReviewsModule],
  controllers: [CarrierConfirmationsController, OnBehalfConfirmationsController],
  providers: [CarrierConfirmationsService],
})
export class CarrierConfirmationsModule {}
