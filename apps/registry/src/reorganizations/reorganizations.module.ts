import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReorganizationRunner } from './reorganization-runner';
import { ReorganizationScheduler } from './reorganization-scheduler.service';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsService } from './reorganizations.service';

@Module({
  imports: [PipelineModule],
  controllers: [ReorganizationsController],
  providers: [ReorganizationsService, ReorganizationRunner, ReorganizationScheduler],
  exports: [ReorganizationScheduler],
})
export class ReorganizationsModule {}
