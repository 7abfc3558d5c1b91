import { Module } from '@nestjs/common';
import { RolloutController } from './rollout.controller';
import { RolloutRepository } from './rollout.repository';
import { RolloutService } from './rollout.service';

/** Exports its repository: the feed retention prunes the branded-answer counts. */
@Module({ controllers: [RolloutController], providers: [RolloutService, RolloutRepository], exports: [RolloutRepository] })
export class RolloutModule {}
