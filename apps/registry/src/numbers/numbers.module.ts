import { Module } from '@nestjs/common';
import { RevisionsModule } from '../revisions/revisions.module';
import { BrandnamesModule } from '../brandnames/brandnames.module';
import { CarriersModule } from '../carriers/carriers.module';
import { NumberHoldingsModule } from '../number-holdings/number-holdings.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { NumberSearchService } from './number-search.service';
import { NumbersImportService } from './numbers-import.service';
import { NumbersController } from './numbers.controller';
import { NumbersRepository } from './numbers.repository';
import { NumbersService } from './numbers.service';

@Module({
  imports: [RevisionsModule, PipelineModule, OrganizationsModule, BrandnamesModule, CarriersModule, NumberHoldingsModule],
  controllers: [NumbersController],
  providers: [NumbersService, NumbersImportService, NumberSearchService, NumbersRepository],
  exports: [NumbersService, NumbersRepository],
})
export class NumbersModule {}
