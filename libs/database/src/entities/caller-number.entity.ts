import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReviewedEntity } from './base.entity';
import type { NumberDirection, PhoneNumberType } from '@app/domain';
import { Brandname } from './brandname.entity';
import { Organization } from './organization.entity';

@Entity({ name: 'caller_numbers' })
export class CallerNumber extends ReviewedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164: one live (active or suspended) row per number, one claim per organization (partial unique indexes). */
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
}
