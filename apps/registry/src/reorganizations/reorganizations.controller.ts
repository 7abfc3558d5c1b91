import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrorDoc, ApiErrors, ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { CancelReorganizationDto, CreateReorganizationDto, ReorganizationDto, ReorganizationQueryDto } from './dto/reorganization.dto';
import { ReorganizationsService } from './reorganizations.service';

/** The rules a proposal is checked against, and checked again when it is approved. */
const RULES_OF_CREATE: ApiErrorDoc[] = [
  ['TARGET_NOT_ACTIVE', 'target organization, its parents or brandname'],
  ['TARGET_NOT_ALLOWED', 'brandname of another organization, a merge into its own sub-unit'],
  ['INVALID_TRANSITION', 'source not live'],
  'REORGANIZATION_OVERLAP',
  'DUPLICATE_NUMBER',
];

@ApiResource('reorganizations', 'reorganizations', {
  errors: [
    ['FORBIDDEN', 'not a regulator'],
    ['FOUR_EYES_REQUIRED', 'approve: you proposed it'],
  ],
})
export class ReorganizationsController {
  constructor(private readonly reorganizations: ReorganizationsService) {}

  @Post()
  @Roles('regulator')
  @ApiOperation({
    summary:
      'Propose a merge (every number moves, the source becomes merged, its sub-organizations move under the target) or a transfer (numberIds move), effective at effectiveAt',
  })
  @ApiCreatedResponse({ type: ReorganizationDto, description: 'status pending: another regulator approves it' })
  @ApiErrors('VALIDATION_FAILED', ['NOT_FOUND', 'an organization, the brandname or a number'], ...RULES_OF_CREATE)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateReorganizationDto): Promise<ReorganizationDto> {
    return this.reorganizations.create(ctx, dto);
  }

  @Get()
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'Reorganizations, latest effective first (at most 500)' })
  @ApiOkResponse({ type: [ReorganizationDto] })
  list(@Ctx() ctx: RequestContext, @Query() query: ReorganizationQueryDto): Promise<ReorganizationDto[]> {
    return this.reorganizations.list(ctx.actor, query);
  }

  @Get(':id')
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'One reorganization' })
  @ApiOkResponse({ type: ReorganizationDto })
  @ApiErrors('NOT_FOUND')
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ReorganizationDto> {
    return this.reorganizations.get(ctx.actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: 'Approve (a regulator other than the proposer): scheduled, or run at once when effectiveAt is past' })
  @ApiOkResponse({ type: ReorganizationDto })
  @ApiErrors('NOT_FOUND', ['INVALID_TRANSITION', 'not pending'], ...RULES_OF_CREATE)
  approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ReorganizationDto> {
    return this.reorganizations.approve(ctx, id);
  }

  @Delete(':id')
  @Roles('regulator')
  @ApiOperation({ summary: 'Cancel while pending or scheduled (nothing has moved yet)' })
  @ApiOkResponse({ type: ReorganizationDto })
  @ApiErrors('NOT_FOUND', ['INVALID_TRANSITION', 'completed, failed or cancelled already'])
  cancel(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: CancelReorganizationDto): Promise<ReorganizationDto> {
    return this.reorganizations.cancel(ctx, id, dto?.reason);
  }
}
