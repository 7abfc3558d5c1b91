import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Author, DomainError, HoldingDecision, nextHoldingStatus, nextStatus, statusAfterRelease } from '@app/domain';
import { Application, CallerNumber, NumberHolding } from '@app/database';
import { ApplicationsRepository } from '../applications/applications.repository';
import type { AuditRecord } from '../audit/audit.service';
import type { CarrierContext } from '../common/carrier-context';
import type { RequestContext } from '../common/request-context';
import { DocumentsService } from '../documents/documents.service';
import { NumberHoldingsRepository } from '../number-holdings/number-holdings.repository';
import { NumbersRepository } from '../numbers/numbers.repository';
import { notHeldHere, NumberHoldingsService, toHoldingDto } from '../number-holdings/number-holdings.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WriteContext, WriteOutcome, WritePipeline } from '../pipeline/write-pipeline';
import { RevisionsService } from '../revisions/revisions.service';
import { ReviewsService } from '../reviews/reviews.service';
import {
  ConfirmationDecisionDto,
  ConfirmationPageDto,
  ConfirmationQueryDto,
  ConfirmationResultDto,
  OnBehalfDto,
} from './dto/confirmation.dto';

/**
 * The holding carrier's word on a number, given with its API key: confirm or deny a registration once, release
 * a confirmed number later (line terminated or ported away). A regulator may confirm for a carrier with a letter.
 */
@Injectable()
export class CarrierConfirmationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
    private readonly holdings: NumberHoldingsService,
    private readonly reviews: ReviewsService,
    private readonly revisions: RevisionsService,
    private readonly documents: DocumentsService,
    private readonly numbers: NumbersRepository,
    private readonly holdingRows: NumberHoldingsRepository,
    private readonly applications: ApplicationsRepository,
  ) {}

  async list(ctx: CarrierContext, query: ConfirmationQueryDto): Promise<ConfirmationPageDto> {
    const rows = await this.holdingRows.awaiting(
      this.dataSource.manager,
      ctx.carrier.code,
      query.status,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return {
      items: rows.map((r) => ({
        numberId: r.number_id,
        number: r.e164,
        organization: { code: r.code, name: r.name },
        requestedAt: new Date(r.requested_at).toISOString(),
        status: r.status as never,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Confirm or deny, once. A denied number is rejected; a confirmed one is activated if its approval came first. */
  async decide(ctx: CarrierContext, numberId: string, dto: ConfirmationDecisionDto): Promise<ConfirmationResultDto> {
    const wctx = writeContext(ctx);
    return this.pipeline.run(wctx, {
      load: (em) => this.heldBy(em, ctx, numberId),
      apply: async (em, { n, h }) => {
        const before = { number: n.e164, status: n.status, holding: toHoldingDto(h) };
        decideHolding(h, dto.decision, { carrierId: ctx.carrier.id, reference: dto.reference, reason: dto.reason });
        await this.holdingRows.save(em, h);
        if (dto.decision === 'deny' && n.status === 'pending') {
          Object.assign(n, {
            status: nextStatus(n.status, 'reject'),
            statusReason: `Carrier ${ctx.carrier.code} denied that this organization holds the number${dto.reason ? `: ${dto.reason}` : ''}`,
            statusChangedBy: null,
          });
          await this.numbers.save(em, n);
        }
        const confirmed = {
          action: `number.holding_${dto.decision}`,
          entityType: 'number',
          entityId: n.id,
          before,
          after: { number: n.e164, status: n.status, holding: toHoldingDto(h), carrier: ctx.carrier.code },
        };
        const activated = dto.decision === 'confirm' ? await this.activateIfCovered(em, n, h) : null;
        return {
          result: { numberId: n.id, number: n.e164, holdingStatus: h.status, numberStatus: activated?.result.status ?? n.status },
          audit: activated ? [confirmed, activated.audit as AuditRecord] : confirmed,
          publish: activated?.publish,
        };
      },
    });
  }

  /**
   * The line was terminated or ported away: the number stops branding at once and cannot be reinstated; what
   * waited for it (a revision, a requested reinstatement) can never apply and is closed.
   */
  async release(ctx: CarrierContext, numberId: string, reason: string): Promise<ConfirmationResultDto> {
    return this.pipeline.run(writeContext(ctx), {
      load: (em) => this.heldBy(em, ctx, numberId),
      apply: async (em, { n, h }) => {
        const before = { number: n.e164, status: n.status, holding: toHoldingDto(h) };
        decideHolding(h, 'release', { carrierId: ctx.carrier.id, reason });
        await this.holdingRows.save(em, h);
        const why = `Released by carrier ${ctx.carrier.code}: ${reason.trim()}`;
        const released = statusAfterRelease(n.status);
        if (released) {
          Object.assign(n, { status: released, statusReason: why, statusChangedBy: null });
          await this.numbers.save(em, n);
        }
        for (const open of await this.revisions.allPendingOf(em, 'number', n.id)) {
          await this.revisions.decide(em, { actor: null }, open, 'rejected', why);
        }
        return {
          result: { numberId: n.id, number: n.e164, holdingStatus: h.status, numberStatus: n.status },
          audit: {
            action: 'number.holding_release',
            entityType: 'number',
            entityId: n.id,
            before,
            after: { number: n.e164, status: n.status, statusReason: n.statusReason, holding: toHoldingDto(h), carrier: ctx.carrier.code },
          },
          publish: { e164s: [n.e164] },
        };
      },
    });
  }

  /**
   * A regulator confirms for the carrier, with the carrier's letter stored as a document. Refused (four eyes) to
   * whoever can act as an author of the number, or as the approver of its application when this confirmation
   * would then activate it at once; the confirmer becomes an author of the number's own approval.
   */
  async confirmOnBehalf(
    ctx: RequestContext,
    numberId: string,
    dto: OnBehalfDto,
    file: { buffer: Buffer; originalname: string; mimetype?: string },
  ) {
    return this.pipeline.run(ctx, {
      load: async (em) => {
        const n = await this.numbers.lock(em, numberId);
        const h = await this.holdings.lock(em, numberId);
        if (!h?.carrierCode) {
          throw new DomainError(
            'INVALID_TRANSITION',
            "No holding carrier is named: the second regulator's approval stands for the confirmation",
          );
        }
        const application = await this.applicationOf(em, h);
        const approver = application?.status === 'approved' && application.decidedBy ? application.decidedBy : null;
        const authors: Author[] = [
          ...(await this.authors.ofItem(em, n)),
          ...(approver ? [await this.parties.authorUser(em, approver, 'approved_application')] : []),
        ];
        return { n, h, authors };
      },
      review: ({ authors }) => ({ step: 'confirm_holding_on_behalf', authors }),
      apply: async (em, { n, h }) => {
        const doc = await this.documents.store(em, {
          applicationId: h.applicationId,
          kind: 'carrier_letter',
          filename: file.originalname,
          content: file.buffer,
          declaredType: file.mimetype,
          uploadedBy: ctx.actor.id,
        });
        const before = { number: n.e164, status: n.status, holding: toHoldingDto(h) };
        decideHolding(h, 'confirm', { userId: ctx.actor.id, reference: dto.reference, reason: dto.reason, documentId: doc.id });
        await this.holdingRows.save(em, h);
        if (n.status === 'pending') {
          n.reviewAuthors = [...(await this.authors.ofItem(em, n)), await this.authors.author(em, ctx.actor, 'confirmed_for_carrier')];
          await this.numbers.save(em, n);
        }
        const confirmed = {
          action: 'number.holding_confirm_on_behalf',
          entityType: 'number',
          entityId: n.id,
          before,
          after: { number: n.e164, holding: toHoldingDto(h), document: { id: doc.id, sha256: doc.sha256 } },
        };
        const activated = await this.activateIfCovered(em, n, h);
        return {
          result: { numberId: n.id, number: n.e164, holdingStatus: h.status, numberStatus: activated?.result.status ?? n.status },
          audit: activated ? [confirmed, activated.audit as AuditRecord] : confirmed,
          publish: activated?.publish,
        };
      },
    });
  }

  private async heldBy(em: EntityManager, ctx: CarrierContext, numberId: string): Promise<{ n: CallerNumber; h: NumberHolding }> {
    // Number first, then holding: the order reviews take them in.
    const n = await this.numbers.lockIfAny(em, numberId);
    const h = n ? await this.holdings.lock(em, numberId) : null;
    if (!n || !h || h.carrierCode !== ctx.carrier.code) throw notHeldHere();
    return { n, h };
  }

  private async applicationOf(em: EntityManager, h: NumberHolding): Promise<Application | null> {
    return h.applicationId ? this.applications.find(em, h.applicationId) : null;
  }

  /**
   * An application's approval covers its numbers: one confirmed afterwards becomes active on its confirmation,
   * audited (after the confirmation itself) as its own event by whoever confirmed, naming the approval.
   */
  private async activateIfCovered(
    em: EntityManager,
    n: CallerNumber,
    h: NumberHolding,
  ): Promise<WriteOutcome<{ status: CallerNumber['status'] }> | null> {
    const application = await this.applicationOf(em, h);
    if (n.status !== 'pending' || application?.status !== 'approved' || !application.decidedBy) return null;
    const coveredBy = {
      applicationId: application.id,
      approvedBy: application.decidedBy,
      approvedAt: application.decidedAt?.toISOString() ?? null,
    };
    return this.reviews.activateCovered(em, n.id, coveredBy);
  }
}

function decideHolding(
  h: NumberHolding,
  decision: HoldingDecision,
  by: { carrierId?: string; userId?: string; reference?: string; reason?: string; documentId?: string },
): void {
  const status = nextHoldingStatus(h.status, decision);
  const now = new Date();
  if (decision === 'release') {
    Object.assign(h, { status, releasedAt: now, releaseReason: by.reason?.trim() ?? null });
    return;
  }
  Object.assign(h, {
    status,
    source: by.userId ? 'regulator_on_behalf' : 'carrier',
    decidedAt: now,
    decidedByCarrierId: by.carrierId ?? null,
    decidedByUserId: by.userId ?? null,
    reference: by.reference?.trim() || null,
    reason: by.reason?.trim() || null,
    documentId: by.documentId ?? null,
  });
}

function writeContext(ctx: CarrierContext): WriteContext {
  return { actor: ctx.carrier, requestId: ctx.requestId, ip: ctx.ip };
}
