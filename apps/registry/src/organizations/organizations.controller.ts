import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { UUID } from '../common/uuid-param';
import { CreateOrganizationDto, OrganizationDto, OrganizationQueryDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiResource('organizations', 'organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('regulator')
  @ApiOperation({ summary: 'Create an organization (starts pending review)' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiErrors('VALIDATION_FAILED', 'DUPLICATE_CODE')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(ctx, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List organizations (an agency admin sees only its own)' })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@Ctx() ctx: RequestContext, @Query() query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    return this.organizations.list(ctx.actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one organization' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiErrors('NOT_FOUND')
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<OrganizationDto> {
    return this.organizations.get(ctx.actor, id);
  }

  @Patch(':id')
  @Roles('regulator')
  @ApiOperation({
    summary:
      'Edit an organization; send the version you read. A live one keeps its approved name and parent until a new one is approved (pendingRevision)',
  })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiErrors('VERSION_CONFLICT', 'INVALID_TRANSITION', 'REVISION_PENDING', 'NOT_FOUND')
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(ctx, id, dto);
  }
}
