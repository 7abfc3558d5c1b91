import { Module } from '@nestjs/common';
import { RevisionsModule } from '../revisions/revisions.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ProtectedNameListModule } from '../protected-names/protected-name-list.module';
import { BrandnamesController } from './brandnames.controller';
import { BrandnamesRepository } from './brandnames.repository';
import { BrandnamesService } from './brandnames.service';

@Module({
  imports: [RevisionsModule, PipelineModule, OrganizationsModule, ProtectedNameListModule],
  controllers: [BrandnamesController],
  providers: [BrandnamesService, BrandnamesRepository],
  exports: [BrandnamesService, BrandnamesRepository],
})
export class BrandnamesModule {}
