import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReviewedEntity } from './base.entity';
import type { OrganizationKind } from '@app/domain';

@Entity({ name: 'organizations' })
export class Organization extends ReviewedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique ignoring case (the migration indexes upper(code)). */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** Vietnamese legal name, e.g. "Bộ Thông tin và Truyền thông". */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganizationKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Organization | null;

  /** The organization a merged one was merged into (status `merged` exactly when set). */
  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId: string | null;

  @Column({ name: 'rollout_wave', type: 'int', nullable: true })
  rolloutWave: number | null;

  /** Its agency admins enrol a second factor at their next sign-in (libs/domain second-factor.ts). */
  @Column({ name: 'second_factor_required', type: 'boolean', default: false })
  secondFactorRequired: boolean;
}
