import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import {
  CreateProposalDto,
  DecisionReasonDto,
  ProposalQueryDto,
  ProtectedNameDto,
  ProtectedNameProposalDto,
  ProtectedNameQueryDto,
} from './dto/protected-name.dto';
import { ProtectedNamesService } from './protected-names.service';

@ApiResource('protected-names', 'protected-names', {
  errors: [
    ['FORBIDDEN', 'not a regulator (reading: nor an auditor)'],
    ['FOUR_EYES_REQUIRED', 'approve: you proposed it, or can act as whoever did'],
  ],
})
export class ProtectedNamesController {
  constructor(private readonly names: ProtectedNamesService) {}

  @Get()
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'The protected state names (in force, or removed), each with its waiting proposal' })
  @ApiOkResponse({ type: [ProtectedNameDto] })
  list(@Ctx() ctx: RequestContext, @Query() query: ProtectedNameQueryDto): Promise<ProtectedNameDto[]> {
    return this.names.list(ctx.actor, query);
  }

  @Get('proposals')
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'Proposals to add, change or remove a protected name, newest first (at most 500)' })
  @ApiOkResponse({ type: [ProtectedNameProposalDto] })
  proposals(@Ctx() ctx: RequestContext, @Query() query: ProposalQueryDto): Promise<ProtectedNameProposalDto[]> {
    return this.names.proposals(ctx.actor, query);
  }

  @Get('proposals/:id')
  @Roles('regulator', 'auditor')
  @ApiOperation({ summary: 'One proposal' })
  @ApiOkResponse({ type: ProtectedNameProposalDto })
  @ApiErrors('NOT_FOUND')
  proposal(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ProtectedNameProposalDto> {
    return this.names.proposal(ctx.actor, id);
  }

  @Post('proposals')
  @Roles('regulator')
  @ApiOperation({ summary: 'Propose adding, changing or removing a protected name: it takes effect when another regulator approves' })
  @ApiCreatedResponse({ type: ProtectedNameProposalDto, description: 'status pending' })
  @ApiErrors(
    'VALIDATION_FAILED',
    ['NOT_FOUND', 'protectedNameId'],
    ['INVALID_TRANSITION', 'the name was removed'],
    ['REVISION_PENDING', 'the name already has a waiting proposal'],
    ['DUPLICATE_CODE', 'a name with this term is in force'],
  )
  propose(@Ctx() ctx: RequestContext, @Body() dto: CreateProposalDto): Promise<ProtectedNameProposalDto> {
    return this.names.propose(ctx, dto);
  }

  @Post('proposals/:id/approve')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: 'Approve (a regulator other than the proposer): the list changes and is published to lookups and carriers' })
  @ApiOkResponse({ type: ProtectedNameProposalDto })
  @ApiErrors(
    'NOT_FOUND',
    ['INVALID_TRANSITION', 'not pending, or the name was removed'],
    ['DUPLICATE_CODE', 'a name with this term is in force'],
  )
  approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ProtectedNameProposalDto> {
    return this.names.approve(ctx, id);
  }

  @Post('proposals/:id/reject')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: 'Reject, with a reason (nothing changes)' })
  @ApiOkResponse({ type: ProtectedNameProposalDto })
  @ApiErrors('NOT_FOUND', 'VALIDATION_FAILED', ['INVALID_TRANSITION', 'not pending'])
  reject(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: DecisionReasonDto): Promise<ProtectedNameProposalDto> {
    return this.names.decideWithout(ctx, id, 'reject', dto?.reason);
  }

  @Post('proposals/:id/withdraw')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: 'Withdraw while pending (nothing changes)' })
  @ApiOkResponse({ type: ProtectedNameProposalDto })
  @ApiErrors('NOT_FOUND', ['INVALID_TRANSITION', 'not pending'])
  withdraw(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: DecisionReasonDto): Promise<ProtectedNameProposalDto> {
    return this.names.decideWithout(ctx, id, 'withdraw', dto?.reason);
  }
}
