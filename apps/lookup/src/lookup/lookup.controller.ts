import { Body, Controller, createParamDecorator, ExecutionContext, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags,
  ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';
import { BatchLookupDto, BatchLookupResultDto, LookupResultDto } from './dto/lookup.dto';
import { LookupService } from './lookup.service';

/** The carrier code the ApiKeyGuard authenticated. */
const CarrierCode = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().carrier.code);

@ApiTags('lookup')
@ApiSecurity('carrier-api-key')
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: unknown or revoked key' })
@ApiForbiddenResponse({ description: 'CARRIER_SUSPENDED' })
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (Retry-After)' })
@UseGuards(ApiKeyGuard)
@Controller('lookup')
export class LookupController {
  constructor(private readonly lookups: LookupService) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Look up 1 to 1000 numbers at once; results in input order' })
  @ApiOkResponse({ type: BatchLookupResultDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, INVALID_ORIGIN' })
  batch(@CarrierCode() carrier: string, @Body() body: BatchLookupDto): BatchLookupResultDto {
    return this.lookups.batch(carrier, body?.numbers, body?.origin);
  }

  @Get(':number')
  @ApiOperation({ summary: 'Which name to show for a calling number (any Vietnamese format), and whether to block it' })
  @ApiQuery({ name: 'origin', required: false, description: 'Carrier code the call arrived from, or INTERNATIONAL' })
  @ApiOkResponse({ type: LookupResultDto })
  @ApiBadRequestResponse({ description: 'INVALID_NUMBER, INVALID_ORIGIN' })
  lookup(@CarrierCode() carrier: string, @Param('number') number: string, @Query('origin') origin?: string): LookupResultDto {
    return this.lookups.lookup(carrier, number, typeof origin === 'string' ? origin : undefined);
  }
}
