import { Body, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { UUID } from '../common/uuid-param';
import { CarriersService } from './carriers.service';
import { ApiKeyDto, CarrierDto, CarrierEntryDto, CreateCarrierDto, CreatedApiKeyDto, UpdateCarrierDto } from './dto/carrier.dto';

@ApiResource('carriers', 'carriers', { errors: [['FORBIDDEN', 'regulators only; auditors may list']] })
@Roles('regulator')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Post()
  @ApiOperation({ summary: 'Register a carrier' })
  @ApiCreatedResponse({ type: CarrierDto })
  @ApiErrors('DUPLICATE_CODE')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateCarrierDto): Promise<CarrierDto> {
    return this.carriers.create(ctx, dto);
  }

  @Get()
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'List carriers and their keys (never the keys themselves)' })
  @ApiOkResponse({ type: [CarrierDto] })
  list(): Promise<CarrierDto[]> {
    return this.carriers.list();
  }

  @Get('directory')
  @Roles('regulator', 'agency_admin', 'auditor')
  @ApiOperation({
    summary: "Every carrier's code, name and status (no keys): what an agency admin picks a number's allowed origins from",
  })
  @ApiOkResponse({ type: [CarrierEntryDto] })
  directory(): Promise<CarrierEntryDto[]> {
    return this.carriers.directory();
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, suspend or reinstate a carrier; send the version you read' })
  @ApiOkResponse({ type: CarrierDto })
  @ApiErrors('VERSION_CONFLICT', 'NOT_FOUND')
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateCarrierDto): Promise<CarrierDto> {
    return this.carriers.update(ctx, id, dto);
  }

  @Post(':id/api-keys')
  @ApiOperation({ summary: 'Create an API key; the key is in the answer once and never again (at most two live keys)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiErrors('TOO_MANY_KEYS', 'NOT_FOUND')
  createKey(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CreatedApiKeyDto> {
    return this.carriers.createKey(ctx, id);
  }

  @Delete(':id/api-keys/:keyId')
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors('NOT_FOUND', ['INVALID_TRANSITION', 'already revoked'])
  revokeKey(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Param('keyId', UUID) keyId: string): Promise<ApiKeyDto> {
    return this.carriers.revokeKey(ctx, id, keyId);
  }
}
