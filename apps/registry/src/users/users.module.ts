import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [PipelineModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
