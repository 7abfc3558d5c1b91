import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { BulkApprovalService } from './bulk-approval.service';
import { BULK_APPROVE_MAX, BulkApproveDto, BulkApproveResultDto } from './dto/bulk-review.dto';
import { ReviewQueuePageDto, ReviewQueueQueryDto } from './dto/review-queue.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiResource('reviews', 'reviews', { errors: [['FORBIDDEN', 'not a regulator']] })
@Roles('regulator')
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
  @ApiErrors(['VALIDATION_FAILED', 'a bad filter or cursor'])
  pending(@Ctx() ctx: RequestContext, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePageDto> {
    return this.queue.pending(ctx.actor, query);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({
    summary: `Approve several pending items or revisions (at most ${BULK_APPROVE_MAX}), each on its own: four eyes and audit per item`,
  })
  @ApiOkResponse({ type: BulkApproveResultDto, description: 'One result per item; a refused item leaves the others approved' })
  @ApiErrors(['VALIDATION_FAILED', `no items, more than ${BULK_APPROVE_MAX}, or a bad kind or id`])
  approve(@Ctx() ctx: RequestContext, @Body() dto: BulkApproveDto): Promise<BulkApproveResultDto> {
    return this.bulk.approve(ctx, dto);
  }
}
