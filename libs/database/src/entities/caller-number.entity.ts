import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { NumberDirection, PhoneNumberType, ReviewStatus } from '@app/domain';
import { Brandname } from './brandname.entity';
import { Organization } from './organization.entity';

@Entity({ name: 'caller_numbers' })
export class CallerNumber {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164, unique among numbers not revoked (partial unique index). */
  @Column({ type: 'varchar', length: 16 })
  e164: string;

  @Column({ name: 'number_type', type: 'varchar', length: 16 })
  numberType: PhoneNumberType;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'brandname_id', type: 'uuid' })
  brandnameId: string;

  @ManyToOne(() => Brandname, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'brandname_id' })
  brandname?: Brandname;

  @Column({ type: 'varchar', length: 16, default: 'outbound' })
  direction: NumberDirection;

  /** Carrier codes allowed to originate calls from it; empty means every domestic carrier. */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true })
  validFrom: Date | null;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  /** Ownership evidence (contract reference, carrier allocation letter). */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ReviewStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'last_changed_by', type: 'uuid', nullable: true })
  lastChangedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
