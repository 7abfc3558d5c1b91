import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { CreatedInvitationDto, CreateInvitationDto, InvitationDto, InvitationQueryDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiResource('onboarding', 'invitations', { errors: [['FORBIDDEN', 'regulators only']] })
@Roles('regulator')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @ApiOperation({ summary: 'Invite an organization to apply; the token is shown once and is valid 14 days for one application' })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiErrors('DUPLICATE_CODE')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(ctx, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List invitations (open, used, expired, revoked)' })
  @ApiOkResponse({ type: [InvitationDto] })
  list(@Query() query: InvitationQueryDto): Promise<InvitationDto[]> {
    return this.invitations.list(query);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an open invitation' })
  @ApiOkResponse({ type: InvitationDto })
  @ApiErrors(['INVALID_TRANSITION', 'not open'])
  revoke(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<InvitationDto> {
    return this.invitations.revoke(ctx, id);
  }
}
