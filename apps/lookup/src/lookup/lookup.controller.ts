import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiErrors, ApiResource } from '@app/platform';
import { BatchLookupDto, BatchLookupResultDto, LookupResultDto } from './dto/lookup.dto';

/** Never called: see below. */
function servedNatively(): never {
  throw new Error('The lookup routes are served by LookupHttp (serveLookupRoutesNatively)');
}

/**
 * Declares and documents the two lookup routes (the OpenAPI document is built from here). Their Fastify
 * handlers are replaced at registration by LookupHttp's (lookup-routes.ts): carrier key, rate limit, parse,
 * index and answer run there, outside Nest's guard/pipe/filter pipeline.
 */
@ApiResource('lookup', 'lookup', {
  auth: 'carrier-api-key',
  errors: [['UNAUTHENTICATED', 'unknown or revoked key'], 'CARRIER_SUSPENDED', ['RATE_LIMITED', 'Retry-After']],
})
export class LookupController {
  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Look up 1 to 1000 numbers at once; results in input order' })
  @ApiOkResponse({ type: BatchLookupResultDto })
  @ApiErrors('VALIDATION_FAILED', 'INVALID_ORIGIN')
  batch(@Body() _body: BatchLookupDto): BatchLookupResultDto {
    return servedNatively();
  }

  @Get(':number')
  @ApiOperation({ summary: 'Which name to show for a calling number (any Vietnamese format), and whether to block it' })
  @ApiQuery({ name: 'origin', required: false, description: 'Carrier code the call arrived from, or INTERNATIONAL' })
  @ApiQuery({ name: 'signed', required: false, enum: ['true', 'false'], description: "true: the answer carries the entry's jws" })
  @ApiOkResponse({ type: LookupResultDto })
  @ApiErrors('INVALID_NUMBER', 'INVALID_ORIGIN', ['VALIDATION_FAILED', 'signed'])
  lookup(@Param('number') _number: string, @Query('origin') _origin?: string, @Query('signed') _signed?: string): LookupResultDto {
    return servedNatively();
  }
}
