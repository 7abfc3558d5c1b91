import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Author, OrganizationKind, ProtectedNameAction, ProtectedNameProposalStatus, ProtectedNameStatus } from '@app/domain';
import { VersionedEntity } from './base.entity';

const bigintAsNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A protected state name in force (`active`), or one a reviewed proposal removed (`removed`, kept for the record). */
@Entity({ name: 'protected_names' })
export class ProtectedNameRow extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  term: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  spellings: string[];

  @Column({ type: 'jsonb' })
  kinds: OrganizationKind[];

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'varchar', length: 16 })
  status: ProtectedNameStatus;
}

/** An addition, change or removal of a protected name: proposed by one regulator, decided by another. */
@Entity({ name: 'protected_name_proposals' })
export class ProtectedNameProposal extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  action: ProtectedNameAction;

  /** The name changed or removed; null for an addition. */
  @Column({ name: 'protected_name_id', type: 'uuid', nullable: true })
  protectedNameId: string | null;

  /** The name as it would be (a removal: as it is). */
  @Column({ type: 'varchar', length: 64 })
  term: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  spellings: string[];

  @Column({ type: 'jsonb' })
  kinds: OrganizationKind[];

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: ProtectedNameProposalStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Its proposer, facts frozen when it was proposed. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}

/** A protected name as lookups and carriers get it: its entry, the registry version that published it, its JWS. */
@Entity({ name: 'published_protected_names' })
export class PublishedProtectedNameRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'jsonb' })
  entry: import('@app/domain').PublishedProtectedName;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  version: number;

  @Column({ type: 'text' })
  jws: string;

  @Column({ type: 'varchar', length: 64 })
  kid: string;
}
