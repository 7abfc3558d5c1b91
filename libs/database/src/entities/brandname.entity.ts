import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReviewedEntity } from './base.entity';

import { Organization } from './organization.entity';

/** Two-tier display identity: the regulated label for every handset, the Vietnamese name for rich displays. */
@Entity({ name: 'brandnames' })
export class Brandname extends ReviewedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 11 })
  label: string;

  /** Upper-cased label: unique nationally among live brandnames (partial unique index). */
  @Column({ name: 'label_key', type: 'varchar', length: 11 })
  labelKey: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ name: 'display_name_ascii', type: 'varchar', length: 64 })
  displayNameAscii: string;

  @Column({ name: 'call_reason', type: 'varchar', length: 64, nullable: true })
  callReason: string | null;

  /** Confusable skeletons of label and display name, compared across organizations. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skeletons: string[];

  /** A regulator's reason for accepting a name one edit away from another organization's (audited). */
  @Column({ name: 'lookalike_override', type: 'text', nullable: true })
  lookalikeOverride: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
