import { Column, CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Author, ReviewStatus } from '@app/domain';

/** Columns of every mutable row: a version for optimistic locking, and when it was made and changed. */
export abstract class VersionedEntity {
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Organizations, brandnames and numbers share the review life cycle. */
export abstract class ReviewedEntity extends VersionedEntity {
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ReviewStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /** Who submitted it: that user may not approve it (four eyes). */
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  /** Who last changed it: that user may not approve it either. */
  @Column({ name: 'last_changed_by', type: 'uuid', nullable: true })
  lastChangedBy: string | null;

  /** Who made the last status change (shown; a reinstatement's authors are frozen in its request). */
  @Column({ name: 'status_changed_by', type: 'uuid', nullable: true })
  statusChangedBy: string | null;

  /** The authors of the pending item (its submitter and every editor), facts frozen when each acted. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];
}
