import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RevisionEntityType = 'organization' | 'brandname' | 'number';
export type RevisionStatus = 'pending' | 'approved' | 'rejected';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
