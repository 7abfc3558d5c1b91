import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { BulkApprovalService } from './bulk-approval.service';
import { BULK_APPROVE_MAX, BulkApproveDto, BulkApproveResultDto } from './dto/bulk-review.dto';
import { ReviewQueuePageDto, ReviewQueueQueryDto } from './dto/review-queue.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiTags('reviews')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'FORBIDDEN: not a regulator' })
@Roles('regulator')
@Controller('reviews')
export class ReviewQueueController {
  constructor(
    private readonly queue: ReviewQueueService,
    private readonly bulk: BulkApprovalService,
  ) {}

  @Get('pending')
  @ApiOperation({
    summary: 'Everything waiting for review across organizations, oldest first, with what a reviewer reads and whether four eyes bars you',
  })
  @ApiOkResponse({ type: ReviewQueuePageDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a bad filter or cursor' })
  pending(@Ctx() ctx: RequestContext, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePageDto> {
    return this.queue.pending(ctx.actor, query);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({
    summary: `Approve several pending items or revisions (at most ${BULK_APPROVE_MAX}), each on its own: four eyes and audit per item`,
  })
  @ApiOkResponse({ type: BulkApproveResultDto, description: 'One result per item; a refused item leaves the others approved' })
  @ApiBadRequestResponse({ description: `VALIDATION_FAILED: no items, more than ${BULK_APPROVE_MAX}, or a bad kind or id` })
  approve(@Ctx() ctx: RequestContext, @Body() dto: BulkApproveDto): Promise<BulkApproveResultDto> {
    return this.bulk.approve(ctx, dto);
  }
}
