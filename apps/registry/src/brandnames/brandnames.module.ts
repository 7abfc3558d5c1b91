import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { BrandnamesController } from './brandnames.controller';
import { BrandnamesService } from './brandnames.service';

@Module({
  imports: [PipelineModule],
  controllers: [BrandnamesController],
  providers: [BrandnamesService],
  exports: [BrandnamesService],
})
export class BrandnamesModule {}
