import { Module } from '@nestjs/common';
import { RevisionsModule } from '../revisions/revisions.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [RevisionsModule, PipelineModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, OrganizationsRepository],
  exports: [OrganizationsService, OrganizationsRepository],
})
export class OrganizationsModule {}
