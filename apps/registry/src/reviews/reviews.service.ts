import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actionNeedsReason, assertFourEyes, DomainError, labelExpiry, nextStatus, ReviewAction } from '@app/domain';
import { Brandname, CallerNumber, Organization } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { lockRow } from '../common/locking';
import type { RequestContext } from '../common/request-context';
import { BrandnameDto } from '../brandnames/dto/brandname.dto';
import { NumberDto } from '../numbers/dto/number.dto';
import { OrganizationDto } from '../organizations/dto/organization.dto';
import { PublishScope, RegistryPublisher } from '../publishing/registry-publisher.service';
import { ReviewableKind } from './dto/review.dto';

type Reviewable = Organization | Brandname | CallerNumber;

interface KindSpec<T extends Reviewable> {
  entity: new () => T;
  entityType: string;
  toDto(row: T): OrganizationDto | BrandnameDto | NumberDto;
  scope(row: T): PublishScope;
  onApprove?(row: T, now: Date): void;
}

const SPECS: { [K in ReviewableKind]: KindSpec<any> } = {
  organizations: {
    entity: Organization,
    entityType: 'organization',
    toDto: OrganizationDto.from,
    scope: (o: Organization) => ({ organizationIds: [o.id] }),
  } satisfies KindSpec<Organization>,
  brandnames: {
    entity: Brandname,
    entityType: 'brandname',
    toDto: BrandnameDto.from,
    scope: (b: Brandname) => ({ brandnameIds: [b.id] }),
    // The three-year validity of a label runs from its approval.
    onApprove: (b: Brandname, now: Date) => Object.assign(b, { approvedAt: now, expiresAt: labelExpiry(now) }),
  } satisfies KindSpec<Brandname>,
  numbers: {
    entity: CallerNumber,
    entityType: 'number',
    toDto: NumberDto.from,
    scope: (n: CallerNumber) => ({ e164s: [n.e164] }),
  } satisfies KindSpec<CallerNumber>,
};

/** The regulator's review actions on organizations, brandnames and numbers, with four eyes. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
  ) {}

  async act(ctx: RequestContext, kind: ReviewableKind, id: string, action: ReviewAction, reason?: string) {
    const trimmed = reason?.trim() || null;
    if (actionNeedsReason(action) && !trimmed) {
      throw new DomainError('VALIDATION_FAILED', `A reason is required to ${action}`, {
        fields: [{ field: 'reason', message: `reason is required to ${action}` }],
      });
    }
    const spec = SPECS[kind];
    return this.dataSource.transaction(async (em: EntityManager) => {
      // The row lock makes two concurrent approvals take turns: the second sees 'active' and is refused.
      const row = await lockRow<Reviewable>(em, spec.entity, id, spec.entityType);
      const next = nextStatus(row.status, action);
      assertFourEyes(action, ctx.actor.id, row);
      const before = spec.toDto(row);
      row.status = next;
      row.statusReason = trimmed;
      if (action === 'approve') spec.onApprove?.(row, new Date());
      const saved = await em.save(row);
      const after = spec.toDto(saved);
      await this.audit.record(em, ctx, { action: `${spec.entityType}.${action}`, entityType: spec.entityType, entityId: id, before, after });
      await this.publisher.publish(em, spec.scope(saved));
      return after;
    });
  }
}
