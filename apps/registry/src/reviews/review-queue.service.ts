import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Author, FourEyesStep, formatNationalNumber, mayReview, ReviewItemKind, ReviewStep } from '@app/domain';
import { Brandname, CallerNumber, Organization, Revision } from '@app/database';
import type { Actor } from '../common/request-context';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { ReviewableKind, ReviewChange } from './dto/review.dto';
import { QueueRow, ReviewQueueRepository } from './review-queue.repository';
import { RevisionsRepository } from '../revisions/revisions.repository';
import { UsersRepository } from '../users/users.repository';
import { FieldChangeDto, ReviewItemDto, ReviewQueuePageDto, ReviewQueueQueryDto } from './dto/review-queue.dto';
import { decodeCursor, encodeCursor } from './review-cursor';

/** Which step approving each kind of queue entry is, for the role table and the four-eyes decision. */
const STEP_OF: Record<ReviewChange, { action: ReviewStep; step: FourEyesStep }> = {
  new: { action: 'approve', step: 'approve_item' },
  revision: { action: 'revision_approve', step: 'approve_revision' },
  reinstate: { action: 'reinstate_approve', step: 'approve_reinstate' },
};

type Item = Organization | Brandname | CallerNumber;

@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holdings: NumberHoldingsService,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
    private readonly queue: ReviewQueueRepository,
    private readonly revisions: RevisionsRepository,
    private readonly users: UsersRepository,
  ) {}

  async pending(actor: Actor, query: ReviewQueueQueryDto): Promise<ReviewQueuePageDto> {
    const em = this.dataSource.manager;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const { rows, total } = await this.queue.page(em, { kind: query.kind, organizationId: query.organizationId }, after, query.limit + 1);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.describe(em, actor, page),
      total,
      nextCursor: more && last ? encodeCursor(last) : null,
    };
  }

  /** Every field a reviewer reads, loaded for the whole page at once (a handful of queries, not one per item). */
  private async describe(em: EntityManager, actor: Actor, rows: QueueRow[]): Promise<ReviewItemDto[]> {
    const idsOf = (kind: ReviewableKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
    const orgItems = await this.queue.organizations(em, idsOf('organizations'));
    const brandItems = await this.queue.brandnames(em, idsOf('brandnames'));
    const numberItems = await this.queue.numbers(em, idsOf('numbers'));
    const items = new Map<string, Item>([...orgItems, ...brandItems, ...numberItems].map((i) => [i.id, i]));
    const pendingOf = async (change: ReviewChange) => {
      const ids = rows.filter((r) => r.change === change).map((r) => r.id);
      const kind = change === 'reinstate' ? 'reinstate' : 'change';
      return this.revisions.pendingRows(em, undefined, ids, kind);
    };
    const revisions = await pendingOf('revision');
    const reinstates = await pendingOf('reinstate');
    const brandnameIds = new Set(numberItems.map((n) => n.brandnameId));
    for (const r of revisions.values()) {
      for (const id of [r.changes.brandnameId, r.previous.brandnameId]) if (typeof id === 'string') brandnameIds.add(id);
    }
    const labels = new Map((await this.queue.brandnames(em, [...brandnameIds])).map((b) => [b.id, b.label] as const));
    const orgs = new Map((await this.queue.organizations(em, [...new Set(rows.map((r) => r.organization_id))])).map((o) => [o.id, o]));
    const holdings = await this.holdings.map(em, idsOf('numbers'));
    const requestOf = (row: QueueRow) =>
      (row.change === 'revision' ? revisions : row.change === 'reinstate' ? reinstates : null)?.get(row.id);
    const submitterIds = new Set<string>();
    for (const row of rows) {
      const submitter = row.change === 'new' ? items.get(row.id)?.submittedBy : requestOf(row)?.submittedBy;
      if (submitter) submitterIds.add(submitter);
    }
    const usernames = await this.users.usernames(em, [...submitterIds]);
    const verdict = await this.parties.viewer(em, actor);

    const out: ReviewItemDto[] = [];
    for (const row of rows) {
      const item = items.get(row.id);
      const org = orgs.get(row.organization_id);
      if (!item || !org) continue; // decided between the two queries: it left the queue
      const revision = requestOf(row);
      if (row.change !== 'new' && !revision) continue;
      const submitter = revision ? revision.submittedBy : item.submittedBy;
      const authors: Author[] = row.change === 'new' ? await this.authors.ofItem(em, item) : await this.authors.ofRevision(em, revision!);
      const { action, step } = STEP_OF[row.change];
      const type = row.kind.slice(0, -1) as ReviewItemKind;
      const dto: ReviewItemDto = {
        kind: row.kind,
        id: row.id,
        change: row.change,
        status: item.status,
        version: item.version,
        organization: { id: org.id, code: org.code, name: org.name },
        submittedBy: submitter ? { id: submitter, username: usernames.get(submitter) ?? null } : null,
        submittedAt: (revision?.createdAt ?? item.createdAt).toISOString(),
        changes: revision ? changesOf(revision, labels) : [],
        reason: revision?.reason ?? null,
        fourEyes: verdict(step, authors, mayReview(actor, action, type, row.organization_id)),
      };
      if (item instanceof CallerNumber) {
        Object.assign(dto, {
          number: item.e164,
          nationalNumber: formatNationalNumber(item.e164),
          direction: item.direction,
          allowedOrigins: item.allowedOrigins,
          validFrom: item.validFrom?.toISOString() ?? null,
          validTo: item.validTo?.toISOString() ?? null,
          evidence: item.evidence,
          holdingStatus: holdings.get(item.id)?.status ?? null,
          label: labels.get(item.brandnameId),
        });
      } else if (item instanceof Brandname) {
        Object.assign(dto, { label: item.label, displayName: item.displayName, callReason: item.callReason });
      } else {
        dto.organizationKind = item.kind;
      }
      out.push(dto);
    }
    return out;
  }
}

/** Before and after per field; a new brandname is named by its label too, since an id tells a reviewer nothing. */
function changesOf(r: Revision, labels: Map<string, string>): FieldChangeDto[] {
  const out: FieldChangeDto[] = Object.entries(r.changes).map(([field, after]) => ({ field, before: r.previous[field] ?? null, after }));
  if ('brandnameId' in r.changes) {
    const label = (id: unknown) => (typeof id === 'string' ? (labels.get(id) ?? null) : null);
    out.push({ field: 'label', before: label(r.previous.brandnameId), after: label(r.changes.brandnameId) });
  }
  return out;
}
