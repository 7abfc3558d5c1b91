import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { CarriersController } from './carriers.controller';
import { CarriersService } from './carriers.service';

@Module({ imports: [PipelineModule], controllers: [CarriersController], providers: [CarriersService], exports: [CarriersService] })
export class CarriersModule {}
