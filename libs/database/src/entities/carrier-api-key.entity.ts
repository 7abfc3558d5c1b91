import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Carrier } from './carrier.entity';

/** A carrier's API key: only its SHA-256 hash is stored; the clear key is shown once at creation. */
@Entity({ name: 'carrier_api_keys' })
export class CarrierApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'carrier_id', type: 'uuid' })
  carrierId: string;

  @ManyToOne(() => Carrier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carrier_id' })
  carrier?: Carrier;

  /** Non-secret prefix shown in listings so operators can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Unique: carrier_api_keys_hash_key (migration). */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
