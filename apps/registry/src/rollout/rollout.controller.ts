import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { RolloutDto } from './dto/rollout.dto';
import { RolloutService } from './rollout.service';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'FORBIDDEN (an agency admin of another organization)' })
@Controller('organizations')
export class RolloutController {
  constructor(private readonly rollout: RolloutService) {}

  @Get(':id/rollout')
  @ApiOperation({
    summary:
      "Per carrier: how far its copy follows the feed (syncedVersion, upToDate) and the branded answers lookups gave it for this organization's numbers",
  })
  @ApiOkResponse({ type: RolloutDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<RolloutDto> {
    return this.rollout.of(ctx.actor, id);
  }
}
