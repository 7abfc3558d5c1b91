import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { NumberSearchService } from './number-search.service';
import { NumbersImportService } from './numbers-import.service';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';

@Module({
  imports: [PipelineModule],
  controllers: [NumbersController],
  providers: [NumbersService, NumbersImportService, NumberSearchService],
  exports: [NumbersService],
})
export class NumbersModule {}
