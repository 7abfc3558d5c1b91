import { Global, Module } from '@nestjs/common';
import { NumberHoldingsService } from './number-holdings.service';

/** Shared by every path that registers or reviews a number. */
@Global()
@Module({ providers: [NumberHoldingsService], exports: [NumberHoldingsService] })
export class NumberHoldingsModule {}
