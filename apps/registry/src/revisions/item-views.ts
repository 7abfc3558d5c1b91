import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Author, mayReview, ReviewItemKind, ReviewStatus } from '@app/domain';
import { RevisionEntityType } from '@app/database';
import type { Actor } from '../common/request-context';
import { FourEyesDto } from '../pipeline/four-eyes.dto';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { RevisionDto } from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

interface ReviewedRow {
  id: string;
  status: ReviewStatus;
  reviewAuthors: Author[];
  submittedBy: string | null;
  lastChangedBy: string | null;
}

export interface ItemView {
  pendingRevision: RevisionDto | null;
  pendingReinstate: RevisionDto | null;
  fourEyes?: FourEyesDto;
}

/**
 * Items as GET answers them: with their pending revision and requested reinstatement, and for each thing waiting
 * for a decision the server's four-eyes verdict for the signed-in person (the console shows it, never re-decides).
 */
@Injectable()
export class ItemViews {
  constructor(
    private readonly revisions: RevisionsService,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
  ) {}

  async of<T extends ReviewedRow, D extends ItemView>(
    em: EntityManager,
    actor: Actor,
    kind: RevisionEntityType & ReviewItemKind,
    rows: readonly T[],
    organizationOf: (row: T) => string,
    toDto: (row: T, pendingRevision: RevisionDto | null, pendingReinstate: RevisionDto | null) => D,
  ): Promise<D[]> {
    const ids = rows.map((r) => r.id);
    const changes = await this.revisions.pendingRows(em, kind, ids);
    const reinstates = await this.revisions.pendingRows(em, kind, ids, 'reinstate');
    const verdict = await this.parties.viewer(em, actor);
    const out: D[] = [];
    for (const row of rows) {
      const org = organizationOf(row);
      const change = changes.get(row.id);
      const reinstate = reinstates.get(row.id);
      const revisionDto = change && {
        ...RevisionDto.from(change),
        fourEyes: verdict('approve_revision', await this.authors.ofRevision(em, change), mayReview(actor, 'revision_approve', kind, org)),
      };
      const reinstateDto = reinstate && {
        ...RevisionDto.from(reinstate),
        fourEyes: verdict('approve_reinstate', reinstate.reviewAuthors, mayReview(actor, 'reinstate_approve', kind, org)),
      };
      const dto = toDto(row, revisionDto ?? null, reinstateDto ?? null);
      if (row.status === 'pending') {
        dto.fourEyes = verdict('approve_item', await this.authors.ofItem(em, row), mayReview(actor, 'approve', kind, org));
      }
      out.push(dto);
    }
    return out;
  }
}
