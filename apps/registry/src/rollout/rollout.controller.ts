import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { RolloutDto } from './dto/rollout.dto';
import { RolloutService } from './rollout.service';

@ApiResource('organizations', 'organizations', { errors: [['FORBIDDEN', 'an agency admin of another organization']] })
export class RolloutController {
  constructor(private readonly rollout: RolloutService) {}

  @Get(':id/rollout')
  @ApiOperation({
    summary:
      "Per carrier: how far its copy follows the feed (syncedVersion, upToDate) and the branded answers lookups gave it for this organization's numbers",
  })
  @ApiOkResponse({ type: RolloutDto })
  @ApiErrors('NOT_FOUND')
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<RolloutDto> {
    return this.rollout.of(ctx.actor, id);
  }
}
