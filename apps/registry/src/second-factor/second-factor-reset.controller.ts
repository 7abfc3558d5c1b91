import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { ReviewActionDto } from '../reviews/dto/review.dto';
import { AccountSecondFactorDto } from './dto/second-factor.dto';
import { SecondFactorService } from './second-factor.service';

/** Accounts' second factors as managers see them, and their reviewed resets (a regulator asks, another approves). */
@ApiResource('users', 'users', {
  errors: [
    ['FORBIDDEN', 'regulators; an agency admin lists its own organization’s agency admins'],
    ['FOUR_EYES_REQUIRED', 'with its rule: approving a reset you asked for, or one of an account you can act as'],
    'PASSWORD_CHANGE_REQUIRED',
    'SECOND_FACTOR_ENROLLMENT_REQUIRED',
  ],
})
@Roles('regulator')
export class SecondFactorResetController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Get('second-factors')
  @Roles('regulator', 'agency_admin')
  @ApiOperation({ summary: 'Whether each account you can see has a second factor, and any reset waiting (with your four-eyes verdict)' })
  @ApiOkResponse({ type: [AccountSecondFactorDto] })
  list(@Ctx() ctx: RequestContext): Promise<AccountSecondFactorDto[]> {
    return this.secondFactors.list(ctx);
  }

  @Post(':id/second-factor/reset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Ask to reset another account's second factor (lost phone): it waits for a second regulator, and you can act as the account from then on (four eyes)",
  })
  @ApiOkResponse({ type: AccountSecondFactorDto })
  @ApiErrors(['INVALID_TRANSITION', 'no second factor, or a reset already waits'], 'NOT_FOUND')
  requestReset(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<AccountSecondFactorDto> {
    return this.secondFactors.requestReset(ctx, id);
  }

  @Post(':id/second-factor/reset/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a waiting reset (not by whoever asked, nor anyone who can act as it or as the account): the factor is removed, every token of the account stops, and it enrols again at its next sign-in',
  })
  @ApiOkResponse({ type: AccountSecondFactorDto })
  @ApiErrors(['INVALID_TRANSITION', 'no reset waits'], 'NOT_FOUND')
  approveReset(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<AccountSecondFactorDto> {
    return this.secondFactors.decideReset(ctx, id, 'approve');
  }

  @Post(':id/second-factor/reset/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse (or withdraw) a waiting reset, with a reason: the factor stays' })
  @ApiOkResponse({ type: AccountSecondFactorDto })
  @ApiErrors(['INVALID_TRANSITION', 'no reset waits'], 'NOT_FOUND', 'VALIDATION_FAILED')
  rejectReset(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto): Promise<AccountSecondFactorDto> {
    return this.secondFactors.decideReset(ctx, id, 'reject', dto.reason);
  }
}
