import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public, requestIdOf } from '@app/platform';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer access token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts for this user or address' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password, { requestId: requestIdOf(req), ip: req.ip ?? null });
  }
}
