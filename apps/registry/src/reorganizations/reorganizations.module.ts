import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AuditModule } from '../audit/audit.module';
import { PublishingModule } from '../publishing/publishing.module';
import { RevisionsModule } from '../revisions/revisions.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReorganizationRunner } from './reorganization-runner';
import { ReorganizationScheduler } from './reorganization-scheduler.service';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsRepository } from './reorganizations.repository';
import { ReorganizationsService } from './reorganizations.service';

@Module({
  imports: [OrganizationsModule, AuditModule, PublishingModule, RevisionsModule, PipelineModule],
  controllers: [ReorganizationsController],
  providers: [ReorganizationsService, ReorganizationRunner, ReorganizationScheduler, ReorganizationsRepository],
  exports: [ReorganizationScheduler],
})
export class ReorganizationsModule {}
