import { Module } from '@nestjs/common';
import { ReorganizationRunner } from './reorganization-runner';
import { ReorganizationScheduler } from './reorganization-scheduler.service';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsService } from './reorganizations.service';

@Module({
  controllers: [ReorganizationsController],
  providers: [ReorganizationsService, ReorganizationRunner, ReorganizationScheduler],
  exports: [ReorganizationScheduler],
})
export class ReorganizationsModule {}
