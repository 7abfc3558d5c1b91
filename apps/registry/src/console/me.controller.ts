import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { AllowedWhilePasswordChangeRequired } from '../auth/password-change.decorator';
import { MeDto } from './me.dto';
import { AllowedDuringSecondFactorEnrollment } from '../auth/second-factor-enrollment.decorator';
import { SecondFactorService } from '../second-factor/second-factor.service';

/**
 * GET /v1/auth/me: who the bearer token belongs to (any signed-in user, no role needed, even with a password to
 * change): it answers no 403, so not ApiResource, whose bearer routes document FORBIDDEN.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class MeController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Get('me')
  @AllowedWhilePasswordChangeRequired()
  @AllowedDuringSecondFactorEnrollment()
  @ApiOperation({ summary: 'The signed-in user: id, username, role and organization, and what it must do first' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors('UNAUTHENTICATED')
  async me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    return MeDto.from(ctx.actor, await this.secondFactors.isEnrolled(ctx.actor.id));
  }
}
