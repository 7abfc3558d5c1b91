import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Author, ReorganizationKind, ReorganizationStatus } from '@app/domain';
import { VersionedEntity } from './base.entity';

/**
 * A merge or a transfer of numbers between organizations: proposed by one regulator, approved by another
 * (`scheduled`), run once at `effectiveAt` in one transaction (`completed`), or `cancelled` / `failed`.
 */
@Entity({ name: 'reorganizations' })
export class Reorganization extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ReorganizationKind;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ReorganizationStatus;

  @Column({ name: 'from_organization_id', type: 'uuid' })
  fromOrganizationId: string;

  @Column({ name: 'to_organization_id', type: 'uuid' })
  toOrganizationId: string;

  @Column({ name: 'to_brandname_id', type: 'uuid' })
  toBrandnameId: string;

  /** The numbers a transfer moves; null for a merge (every number of the source moves). */
  @Column({ name: 'number_ids', type: 'uuid', array: true, nullable: true })
  numberIds: string[] | null;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Its proposer, facts frozen when it was proposed. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'moved_numbers', type: 'int', nullable: true })
  movedNumbers: number | null;

  /** Why it failed when it was due (a target no longer active, a clashing claim): nothing moved. */
  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true })
  failureCode: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage: string | null;
}
