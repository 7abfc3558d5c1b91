import { Body, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReviewActionDto } from '../reviews/dto/review.dto';
import { UUID } from '../common/uuid-param';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { CreatedUserDto, CreateUserDto, OneTimePasswordDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiResource('users', 'users', {
  errors: [
    ['FORBIDDEN', 'regulators, or an agency admin for the agency admins of its own organization'],
    ['FOUR_EYES_REQUIRED', 'with its rule: approving an account you, or an account you can act as, created or changed'],
    'PASSWORD_CHANGE_REQUIRED',
  ],
})
@Roles('regulator', 'agency_admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create a user (regulator, agency admin of one organization, or auditor); a new regulator is pending until a person who can act neither as it nor as you approves it. An agency admin creates agency admins of its own organization only. Without a password, a one-time password is returned once; with enroll (a regulator), the first half of its enrollment code. Whoever creates an account with a password can act as it (four eyes)',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiErrors('VALIDATION_FAILED', ['NOT_FOUND', 'no such organization'], 'DUPLICATE_USERNAME')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(ctx, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List users (an agency admin: the agency admins of its own organization)' })
  @ApiOkResponse({ type: [UserDto] })
  list(@Ctx() ctx: RequestContext): Promise<UserDto[]> {
    return this.users.list(ctx);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      "Change an account's role, status or organization; send the version you read. Becoming an active regulator waits (pending) for another regulator. An agency admin changes only the status of its organization's other agency admins, and never enables one a regulator disabled",
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors('VALIDATION_FAILED', 'VERSION_CONFLICT', ['INVALID_TRANSITION', 'a pending account, the last active regulator'], 'NOT_FOUND')
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(ctx, id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reset a password: a one-time password is returned once, the user must change it at the next sign-in, and older tokens stop at once. Not your own; a regulator’s only out of band (the CLI)',
  })
  @ApiOkResponse({ type: OneTimePasswordDto })
  @ApiErrors('NOT_FOUND')
  resetPassword(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<OneTimePasswordDto> {
    return this.users.resetPassword(ctx, id);
  }

  @Post(':id/approve')
  @Roles('regulator')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a pending regulator account (not by anyone who can act as it, or as whoever created, promoted or re-enabled it); an enrollment answers the second half of its code, once',
  })
  @ApiOkResponse({ type: CreatedUserDto })
  @ApiErrors(['INVALID_TRANSITION', 'not pending'], 'NOT_FOUND')
  approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CreatedUserDto> {
    return this.users.decide(ctx, id, 'approve');
  }

  @Post(':id/reject')
  @Roles('regulator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a pending regulator account, with a reason (it becomes disabled)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(['INVALID_TRANSITION', 'not pending'], 'NOT_FOUND')
  reject(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto): Promise<UserDto> {
    return this.users.decide(ctx, id, 'reject', dto.reason);
  }
}
