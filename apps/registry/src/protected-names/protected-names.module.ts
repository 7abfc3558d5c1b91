import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { PublishingModule } from '../publishing/publishing.module';
import { UsersModule } from '../users/users.module';
import { ProtectedNameListModule } from './protected-name-list.module';
import { ProtectedNamesController } from './protected-names.controller';
import { ProtectedNamesService } from './protected-names.service';
import { ProtectedNamesStartup } from './protected-names-startup.service';

@Module({
  imports: [PipelineModule, PublishingModule, ProtectedNameListModule, UsersModule],
  controllers: [ProtectedNamesController],
  providers: [ProtectedNamesService, ProtectedNamesStartup],
})
export class ProtectedNamesModule {}
