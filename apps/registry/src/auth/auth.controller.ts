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

/** Signing in is public; changing a password takes the bearer token (said on its route). */
@ApiResource('auth', 'auth', { auth: 'none' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer access token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(['UNAUTHENTICATED', 'wrong username or password'], ['RATE_LIMITED', 'too many attempts for this user or address'])
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password, { requestId: requestIdOf(req), ip: req.ip ?? null });
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
  @ApiErrors(['VALIDATION_FAILED', 'the current password is wrong, or the new one breaks the rules or equals it'], 'UNAUTHENTICATED')
  changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<TokenDto> {
    return this.auth.changePassword(ctx, dto);
  }
}
