import { Get, Header, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors, ApiResource } from '@app/platform';
import { PublicCheckDto } from './dto/public-check.dto';
import { ClientAddress } from './client';
import { PublicCheckService } from './public-check.service';

@ApiResource('public', 'public/check', { auth: 'none' })
export class PublicCheckController {
  constructor(
    private readonly checks: PublicCheckService,
    private readonly client: ClientAddress,
  ) {}

  @Get(':number')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({
    summary: 'Is this number really a state body? No key; only what a handset would show (limited per client address)',
  })
  @ApiParam({ name: 'number', description: 'Any format a citizen types: 024 3943 7142, +84…, 84…' })
  @ApiOkResponse({ type: PublicCheckDto })
  @ApiErrors('INVALID_NUMBER', ['RATE_LIMITED', 'over PUBLIC_CHECK_RATE_PER_MIN from this address; Retry-After'])
  check(@Param('number') number: string, @Req() req: FastifyRequest): PublicCheckDto {
    return this.checks.check(number, this.client.of(req));
  }
}
