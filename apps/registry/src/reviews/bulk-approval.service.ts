import { Injectable, Logger } from '@nestjs/common';
import { isDomainError } from '@app/domain';
import type { RequestContext } from '../common/request-context';
import { BulkApproveDto, BulkApproveResultDto, BulkItemResultDto } from './dto/bulk-review.dto';
import { ReviewsService } from './reviews.service';

/**
 * Approves the items a reviewer selected, one at a time and each in its own transaction: a refusal (four eyes,
 * a missing carrier confirmation) is reported for that item and never undoes the others.
 */
@Injectable()
export class BulkApprovalService {
  private readonly log = new Logger(BulkApprovalService.name);

  constructor(private readonly reviews: ReviewsService) {}

  async approve(ctx: RequestContext, dto: BulkApproveDto): Promise<BulkApproveResultDto> {
    const results: BulkItemResultDto[] = [];
    // One after another: parallel approvals would only queue on the same row and tree locks.
    for (const { kind, id, change } of dto.items) {
      const ref = { kind, id, ...(change ? { change } : {}) };
      try {
        const after = await this.reviews.approveOne(ctx, kind, id, change, dto.reason);
        results.push({ ...ref, ok: true, status: after.status });
      } catch (err) {
        if (isDomainError(err)) {
          const rule = err.details?.rule;
          results.push({ ...ref, ok: false, error: { code: err.code, message: err.message, ...(rule ? { rule } : {}) } });
        } else {
          // Logged once with the request id; the item is reported, the batch goes on, the message stays here.
          this.log.error(`Bulk approval of ${kind} ${id} failed (request ${ctx.requestId}): ${(err as Error).stack ?? err}`);
          results.push({ ...ref, ok: false, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } });
        }
      }
    }
    return { results };
  }
}
