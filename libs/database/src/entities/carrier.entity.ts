import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from './base.entity';
import type { CarrierStatus } from '@app/domain';

/** A mobile network that looks numbers up (VIETTEL, VINAPHONE, MOBIFONE, ...). */
@Entity({ name: 'carriers' })
export class Carrier extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique: carriers_code_key (migration). */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: CarrierStatus;
}
