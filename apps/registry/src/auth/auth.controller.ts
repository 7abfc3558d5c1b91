import { Body, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Public, requestIdOf } from '@app/platform';
import { AuthService } from './auth.service';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { EnrollDto } from '../users/dto/user.dto';
import { ChangePasswordDto, LoginDto, TokenDto } from './dto/login.dto';
import { AllowedWhilePasswordChangeRequired } from './password-change.decorator';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AllowedDuringSecondFactorEnrollment } from './second-factor-enrollment.decorator';
import { SecondFactorEnrollmentDto, TotpCodeDto } from '../second-factor/dto/second-factor.dto';
import { SecondFactorService } from '../second-factor/second-factor.service';

/** Signing in is public; changing a password and enrolling a second factor take the bearer token (said on their routes). */
@ApiResource('auth', 'auth', { auth: 'none' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactors: SecondFactorService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer access token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(
    ['UNAUTHENTICATED', 'wrong username or password'],
    ['SECOND_FACTOR_REQUIRED', 'the account has a second factor: its code is missing or wrong (the same answer for both)'],
    ['RATE_LIMITED', 'too many attempts for this username from this address, or from this address; Retry-After says when'],
  )
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenDto> {
    return this.auth.login(dto, { requestId: requestIdOf(req), ip: req.ip ?? null });
  }

  @Post('enroll')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: "An enrolled account's holder sets its own password with both halves of its code (its creator's and its approver's)",
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(
    ['UNAUTHENTICATED', 'wrong username or code, or the code expired'],
    ['RATE_LIMITED', 'too many attempts for this user or address'],
  )
  enroll(@Body() dto: EnrollDto, @Req() req: Request): Promise<TokenDto> {
    return this.auth.enroll(dto, { requestId: requestIdOf(req), ip: req.ip ?? null });
  }

  @Post('change-password')
  @AllowedWhilePasswordChangeRequired()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password (also a one-time one); every older token stops, and the answer carries a new one',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(['VALIDATION_FAILED', 'the current password is wrong, or the new one breaks the rules or equals it'], 'UNAUTHENTICATED', [
    'RATE_LIMITED',
    'too many wrong current passwords; Retry-After says when',
  ])
  changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<TokenDto> {
    return this.auth.changePassword(ctx, dto);
  }

  @Post('totp/enroll')
  @AllowedDuringSecondFactorEnrollment()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Start enrolling your own second factor (TOTP: SHA-1, 6 digits, 30 s): the secret, its otpauth URL (a QR code) and ten recovery codes, shown only now; confirm with a first code',
  })
  @ApiOkResponse({ type: SecondFactorEnrollmentDto })
  @ApiErrors('UNAUTHENTICATED', ['INVALID_TRANSITION', 'a second factor is already enrolled: a reset comes first'])
  enrollSecondFactor(@Ctx() ctx: RequestContext): Promise<SecondFactorEnrollmentDto> {
    return this.secondFactors.enroll(ctx);
  }

  @Post('totp/confirm')
  @AllowedDuringSecondFactorEnrollment()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Confirm your new second factor with the code the app shows: answers a full token, as login does; every older token stops',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(
    ['VALIDATION_FAILED', 'the code is wrong'],
    'UNAUTHENTICATED',
    ['INVALID_TRANSITION', 'no enrolment started, or one already confirmed'],
    ['RATE_LIMITED', 'too many wrong codes; Retry-After says when'],
  )
  confirmSecondFactor(@Ctx() ctx: RequestContext, @Body() dto: TotpCodeDto): Promise<TokenDto> {
    return this.auth.confirmSecondFactor(ctx, dto.totp);
  }
}
