import { Module } from '@nestjs/common';
import { NumberHoldingsRepository } from './number-holdings.repository';
import { NumberHoldingsService } from './number-holdings.service';

/** The holding carrier's word on each number: used by every path that registers or reviews a number. */
@Module({ providers: [NumberHoldingsService, NumberHoldingsRepository], exports: [NumberHoldingsService, NumberHoldingsRepository] })
export class NumberHoldingsModule {}
