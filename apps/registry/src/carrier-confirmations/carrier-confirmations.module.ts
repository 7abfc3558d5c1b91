import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { NumbersModule } from '../numbers/numbers.module';
import { DocumentsModule } from '../documents/documents.module';
import { NumberHoldingsModule } from '../number-holdings/number-holdings.module';
import { RevisionsModule } from '../revisions/revisions.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { CarrierConfirmationsController, OnBehalfConfirmationsController } from './carrier-confirmations.controller';
import { CarrierConfirmationsService } from './carrier-confirmations.service';

@Module({
  imports: [ApplicationsModule, NumbersModule, DocumentsModule, NumberHoldingsModule, RevisionsModule, PipelineModule, ReviewsModule],
  controllers: [CarrierConfirmationsController, OnBehalfConfirmationsController],
  providers: [CarrierConfirmationsService],
})
export class CarrierConfirmationsModule {}
