import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { UsersModule } from '../users/users.module';
import { SecondFactorResetController } from './second-factor-reset.controller';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactorService } from './second-factor.service';

/** Second factors: enrolment (routes on AuthController, which issues the tokens), checking at sign-in, and reviewed resets. */
@Module({
  imports: [PipelineModule, UsersModule],
  controllers: [SecondFactorResetController],
  providers: [SecondFactorService, SecondFactorRepository],
  exports: [SecondFactorService],
})
export class SecondFactorModule {}
