import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Author } from '@app/domain';

export type RevisionEntityType = 'organization' | 'brandname' | 'number';
export type RevisionStatus = 'pending' | 'approved' | 'rejected';
/** `change`: reviewed field values; `reinstate`: a requested reinstatement of a suspended item. */
export type RevisionKind = 'change' | 'reinstate';

/**
 * A reviewed change to a live item, waiting for a second person (at most one pending per item). The item keeps
 * answering lookups as approved until the revision is approved, which applies `changes` and publishes at once.
 */
@Entity({ name: 'revisions' })
export class Revision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: RevisionEntityType;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 16, default: 'change' })
  kind: RevisionKind;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: RevisionStatus;

  /** The proposed values of the reviewed fields, normalised (dates as ISO strings). */
  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;

  /** The live values of the same fields when it was proposed: what the reviewer compares. */
  @Column({ type: 'jsonb' })
  previous: Record<string, unknown>;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  /** Its author (and, for a reinstatement, the suspender), facts frozen when it was submitted. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Why it was requested (a reinstatement's reason). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
