import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Author, AuthorAct } from '@app/domain';
import { Revision } from '@app/database';
import { AnyActor, PartiesRepository } from './parties.repository';

/** What a reviewed row remembers of who authored it. */
interface AuthoredRow {
  reviewAuthors: Author[];
  submittedBy: string | null;
  lastChangedBy?: string | null;
  statusChangedBy?: string | null;
}

/**
 * The authors of a change under review, as frozen when it was submitted. A row from before authors were kept
 * (or one a path forgot to stamp) is never read as "nobody took part": its recorded submitter and last editor
 * stand in, with today's facts, which can only refuse more.
 */
@Injectable()
export class ItemAuthors {
  constructor(private readonly parties: PartiesRepository) {}

  author(em: EntityManager, actor: AnyActor, act: AuthorAct): Promise<Author> {
    return this.parties.author(em, actor, act);
  }

  /** A pending item's authors after `actor` edits it in place: it becomes one of them. */
  async edited(em: EntityManager, row: AuthoredRow, actor: AnyActor): Promise<Author[]> {
    return [...(await this.ofItem(em, row)), await this.author(em, actor, 'edited')];
  }

  /** The submitter and every editor of a pending item. */
  async ofItem(em: EntityManager, row: AuthoredRow): Promise<Author[]> {
    if (row.reviewAuthors.length > 0) return row.reviewAuthors;
    return this.fallback(em, [
      ['submitted', row.submittedBy],
      ['edited', row.lastChangedBy ?? null],
    ]);
  }

  async ofRevision(em: EntityManager, revision: Revision): Promise<Author[]> {
    if (revision.reviewAuthors.length > 0) return revision.reviewAuthors;
    return this.fallback(em, [['submitted', revision.submittedBy]]);
  }

  /** Whoever suspended the item, frozen when it did. */
  async ofSuspension(em: EntityManager, row: AuthoredRow): Promise<Author[]> {
    const frozen = row.reviewAuthors.filter((a) => a.act === 'suspended');
    if (frozen.length > 0) return frozen;
    return this.fallback(em, [['suspended', row.statusChangedBy ?? null]]);
  }

  private async fallback(em: EntityManager, parties: Array<[AuthorAct, string | null]>): Promise<Author[]> {
    const out: Author[] = [];
    for (const [act, id] of parties) if (id) out.push(await this.parties.authorUser(em, id, act));
    return out;
  }
}
