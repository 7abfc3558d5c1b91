import { Module } from '@nestjs/common';
import { NumberSearchService } from './number-search.service';
import { NumbersImportService } from './numbers-import.service';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';

@Module({
  controllers: [NumbersController],
  providers: [NumbersService, NumbersImportService, NumberSearchService],
  exports: [NumbersService],
})
export class NumbersModule {}
