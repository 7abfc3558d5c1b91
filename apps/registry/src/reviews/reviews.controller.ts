import { Body, HttpCode, Param, Post, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiResource, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { BrandnameDto } from '../brandnames/dto/brandname.dto';
import { NumberDto } from '../numbers/dto/number.dto';
import { OrganizationDto } from '../organizations/dto/organization.dto';
import { ReviewableKind, ReviewActionDto } from './dto/review.dto';
import { ReviewsService } from './reviews.service';

/** What each kind's review routes answer: the item after the action. */
const ITEM_DTO: Record<ReviewableKind, Type<unknown>> = {
  organizations: OrganizationDto,
  brandnames: BrandnameDto,
  numbers: NumberDto,
};

function reviewOf(kind: ReviewableKind) {
  return (path: string, summary: string): MethodDecorator =>
    (target, key, descriptor) => {
      Post(`:id/${path}`)(target, key, descriptor);
      HttpCode(200)(target, key, descriptor);
      ApiOperation({ summary })(target, key, descriptor);
      ApiOkResponse({ type: ITEM_DTO[kind], description: 'The item after the action' })(target, key, descriptor);
    };
}

/**
 * The review routes of one kind of item, under its own literal path (`/v1/numbers/{id}/approve`, …), each
 * delegating to ReviewsService: the same rules for the three kinds, and no route that depends on module order.
 */
function reviewRoutesOf(kind: ReviewableKind): Type<unknown> {
  const Review = reviewOf(kind);

  @ApiResource('reviews', kind, {
    errors: [
      ['FORBIDDEN', "an agency admin may only suspend its own organization's brandnames and numbers; auditors nothing"],
      [
        'FOUR_EYES_REQUIRED',
        "approve: you, or an account you can act as or that can act as you, took part in it; the body's `rule` says which rule",
      ],
      'INVALID_TRANSITION',
      ['VALIDATION_FAILED', 'reason missing'],
      'NOT_FOUND',
    ],
  })
  // Who may take which action on which item is the domain's review-actors table, asked by the service.
  @Roles('regulator', 'agency_admin')
  class ReviewRoutes {
    constructor(readonly reviews: ReviewsService) {}

    @Review('approve', 'Approve a pending item (not by anyone who took part in it, or can act as one who did)')
    approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.act(ctx, kind, id, 'approve', dto.reason);
    }

    @Review('reject', 'Reject a pending item, with a reason')
    reject(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.act(ctx, kind, id, 'reject', dto.reason);
    }

    @Review(
      'suspend',
      "Suspend an active item, with a reason (an organization hides all its numbers); an agency admin's emergency stop of its own brandnames and numbers",
    )
    suspend(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.act(ctx, kind, id, 'suspend', dto.reason);
    }

    @Review(
      'reinstate',
      'Request the reinstatement of a suspended item, with a reason: it stays suspended until a second person approves the request (reinstate/approve)',
    )
    reinstate(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.act(ctx, kind, id, 'reinstate', dto.reason);
    }

    @Review(
      'reinstate/approve',
      'Approve a requested reinstatement (not by the suspender nor the requester, nor by anyone who can act as them); the item answers at once',
    )
    approveReinstate(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.decideReinstate(ctx, kind, id, 'approve', dto.reason);
    }

    @Review('reinstate/reject', 'Reject a requested reinstatement, with a reason; the item stays suspended')
    rejectReinstate(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.decideReinstate(ctx, kind, id, 'reject', dto.reason);
    }

    @Review('revoke', 'Revoke an item for good, with a reason')
    revoke(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.act(ctx, kind, id, 'revoke', dto.reason);
    }

    @Review(
      'revision/approve',
      'Approve the pending revision of a live item (not by its author, nor by anyone who can act as it); the new values answer at once',
    )
    approveRevision(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.decideRevision(ctx, kind, id, 'approve', dto.reason);
    }

    @Review('revision/reject', 'Reject the pending revision of a live item, with a reason; the approved values stay')
    rejectRevision(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReviewActionDto) {
      return this.reviews.decideRevision(ctx, kind, id, 'reject', dto.reason);
    }
  }
  Object.defineProperty(ReviewRoutes, 'name', { value: `${kind[0].toUpperCase()}${kind.slice(1)}ReviewsController` });
  return ReviewRoutes;
}

export const OrganizationReviewsController = reviewRoutesOf('organizations');
export const BrandnameReviewsController = reviewRoutesOf('brandnames');
export const NumberReviewsController = reviewRoutesOf('numbers');
