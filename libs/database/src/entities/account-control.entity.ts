import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ControlKind } from '@app/domain';

/**
 * Who can act as an account (append-only: the database refuses UPDATE, DELETE and TRUNCATE). A fact never goes
 * away: a later password change by the holder does not undo what a creator or a resetter could do meanwhile.
 */
@Entity({ name: 'account_controls' })
export class AccountControl {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** `user:<uuid>`, `cli:<os-user>` or `system:<what>`. */
  @Column({ type: 'varchar', length: 80 })
  controller: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ControlKind;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** The one-time bootstrap (append-only, one row): once recorded, no later state of the accounts re-arms it. */
@Entity({ name: 'registry_bootstrap' })
export class RegistryBootstrap {
  @Column({ type: 'smallint', primary: true })
  id: number;

  @Column({ name: 'first_regulator_id', type: 'uuid', nullable: true })
  firstRegulatorId: string | null;

  @Column({ name: 'second_regulator_id', type: 'uuid', nullable: true })
  secondRegulatorId: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 80 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
