import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource } from '@app/platform';
import { ScreenDto, ScreenResultDto } from './dto/screen.dto';

/**
 * Declares and documents POST /v1/screen; its Fastify handler is replaced at registration by LookupHttp's
 * (lookup-routes.ts), as the lookup routes are: carrier key, rate limit, validation and the answer run there.
 */
@ApiResource('screening', 'screen', {
  auth: 'carrier-api-key',
  errors: [['UNAUTHENTICATED', 'unknown or revoked key'], 'CARRIER_SUSPENDED', ['RATE_LIMITED', 'Retry-After']],
})
export class ScreeningController {
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Whether a caller name (display name or SMS sender ID) claims a protected state name its number may not use',
    description:
      'Answered from memory (the protected-name list and the index), like a lookup, and rate-limited with lookups. At least one of ' +
      'displayName and senderId. A network strips the name of an `impersonation` (and may warn: X-VBR-Warning: impersonation).',
  })
  @ApiOkResponse({ type: ScreenResultDto })
  @ApiErrors(
    ['VALIDATION_FAILED', 'neither displayName nor senderId, a field too long or not a string, or an unknown field'],
    'INVALID_NUMBER',
  )
  screen(@Body() _body: ScreenDto): ScreenResultDto {
    throw new Error('POST /v1/screen is served by LookupHttp (serveLookupRoutesNatively)');
  }
}
