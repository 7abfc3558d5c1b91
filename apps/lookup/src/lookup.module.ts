import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '@app/database';
import { AppConfigModule } from '@app/platform';
import { HealthController } from '@app/platform/health/health.controller';

@Module({
  imports: [AppConfigModule, DatabaseModule, TerminusModule],
  controllers: [HealthController],
})
export class LookupModule {}
