import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { UUID } from '../common/uuid-param';
import { BrandnamesService } from './brandnames.service';
import { BrandnameDto, CreateBrandnameDto, UpdateBrandnameDto } from './dto/brandname.dto';

@ApiResource('brandnames', { errors: [['FORBIDDEN', 'not your organization']] })
export class BrandnamesController {
  constructor(private readonly brandnames: BrandnamesService) {}

  @Post('organizations/:id/brandnames')
  @Roles('regulator', 'agency_admin')
  @ApiOperation({ summary: 'Submit a brandname for an organization (label and Vietnamese display name); starts pending' })
  @ApiCreatedResponse({ type: BrandnameDto })
  @ApiErrors(
    'INVALID_LABEL',
    'INVALID_DISPLAY_NAME',
    'INVALID_CALL_REASON',
    'VALIDATION_FAILED',
    'DUPLICATE_LABEL',
    'CONFUSABLE_NAME',
    ['RESERVED_NAME', 'a state term used by a non-government organization'],
    'NOT_FOUND',
  )
  create(@Ctx() ctx: RequestContext, @Param('id', UUID) orgId: string, @Body() dto: CreateBrandnameDto): Promise<BrandnameDto> {
    return this.brandnames.create(ctx, orgId, dto);
  }

  @Get('organizations/:id/brandnames')
  @ApiOperation({ summary: "List an organization's brandnames" })
  @ApiOkResponse({ type: [BrandnameDto] })
  list(@Ctx() ctx: RequestContext, @Param('id', UUID) orgId: string): Promise<BrandnameDto[]> {
    return this.brandnames.list(ctx.actor, orgId);
  }

  @Get('brandnames/:id')
  @ApiOperation({ summary: 'Get one brandname' })
  @ApiOkResponse({ type: BrandnameDto })
  @ApiErrors('NOT_FOUND')
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<BrandnameDto> {
    return this.brandnames.get(ctx.actor, id);
  }

  @Patch('brandnames/:id')
  @Roles('regulator', 'agency_admin')
  @ApiOperation({
    summary:
      'Edit a brandname; send the version you read. On a live brandname the change waits in pendingRevision while the approved name keeps answering',
  })
  @ApiOkResponse({ type: BrandnameDto })
  @ApiErrors(
    'VALIDATION_FAILED',
    'INVALID_LABEL',
    'INVALID_DISPLAY_NAME',
    'INVALID_CALL_REASON',
    ['RESERVED_NAME', 'a state term used by a non-government organization'],
    'VERSION_CONFLICT',
    'DUPLICATE_LABEL',
    'CONFUSABLE_NAME',
    'INVALID_TRANSITION',
    'REVISION_PENDING',
  )
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateBrandnameDto): Promise<BrandnameDto> {
    return this.brandnames.update(ctx, id, dto);
  }
}
