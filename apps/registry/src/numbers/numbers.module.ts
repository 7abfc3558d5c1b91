import { Module } from '@nestjs/common';
import { NumbersImportService } from './numbers-import.service';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';

@Module({ controllers: [NumbersController], providers: [NumbersService, NumbersImportService], exports: [NumbersService] })
export class NumbersModule {}
