import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { Roles } from '@app/platform';
import { UUID } from '../common/uuid-param';
import { CarriersService } from './carriers.service';
import { ApiKeyDto, CarrierDto, CarrierEntryDto, CreateCarrierDto, CreatedApiKeyDto, UpdateCarrierDto } from './dto/carrier.dto';

@ApiTags('carriers')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'FORBIDDEN: regulators only (auditors may list)' })
@Roles('regulator')
@Controller('carriers')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Post()
  @ApiOperation({ summary: 'Register a carrier' })
  @ApiCreatedResponse({ type: CarrierDto })
  @ApiConflictResponse({ description: 'DUPLICATE_CODE' })
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
  @ApiConflictResponse({ description: 'VERSION_CONFLICT' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateCarrierDto): Promise<CarrierDto> {
    return this.carriers.update(ctx, id, dto);
  }

  @Post(':id/api-keys')
  @ApiOperation({ summary: 'Create an API key; the key is in the answer once and never again (at most two live keys)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiConflictResponse({ description: 'TOO_MANY_KEYS' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  createKey(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CreatedApiKeyDto> {
    return this.carriers.createKey(ctx, id);
  }

  @Delete(':id/api-keys/:keyId')
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: already revoked' })
  revokeKey(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Param('keyId', UUID) keyId: string): Promise<ApiKeyDto> {
    return this.carriers.revokeKey(ctx, id, keyId);
  }
}
