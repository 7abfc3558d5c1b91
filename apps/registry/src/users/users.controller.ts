import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { ReviewActionDto } from '../reviews/dto/review.dto';
import { UUID } from '../common/uuid-param';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { Roles } from '@app/platform';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'FORBIDDEN: regulators only; FOUR_EYES_REQUIRED: approving an account you created' })
@Roles('regulator')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create a user (regulator, agency admin of one organization, or auditor); a new regulator is pending until another regulator approves it',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiConflictResponse({ description: 'DUPLICATE_USERNAME' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(ctx, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      "Change an account's role, status or organization; send the version you read. Becoming an active regulator waits (pending) for another regulator",
  })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT, INVALID_TRANSITION (a pending account, the last active regulator)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(ctx, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending regulator account (not by its creator, nor by who promoted or re-enabled it)' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not pending' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<UserDto> {
    return this.users.decide(ctx, id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a pending regulator account, with a reason (it becomes disabled)' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not pending' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  reject(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto): Promise<UserDto> {
    return this.users.decide(ctx, id, 'reject', dto.reason);
  }
}
