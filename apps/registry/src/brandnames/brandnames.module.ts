import { Module } from '@nestjs/common';
import { BrandnamesController } from './brandnames.controller';
import { BrandnamesService } from './brandnames.service';

@Module({ controllers: [BrandnamesController], providers: [BrandnamesService], exports: [BrandnamesService] })
export class BrandnamesModule {}
