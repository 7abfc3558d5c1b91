import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { CarriersController } from './carriers.controller';
import { CarriersRepository } from './carriers.repository';
import { CarriersService } from './carriers.service';

@Module({
  imports: [PipelineModule],
  controllers: [CarriersController],
  providers: [CarriersService, CarriersRepository],
  exports: [CarriersService, CarriersRepository],
})
export class CarriersModule {}
