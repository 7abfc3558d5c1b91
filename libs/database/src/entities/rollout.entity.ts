import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** Branded answers one carrier was given for one organization's numbers in one hour, as lookups report them. */
@Entity({ name: 'branded_answer_counts' })
export class BrandedAnswerCount {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'carrier_code', type: 'varchar', length: 32 })
  carrierCode: string;

  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  answers: number;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;
}

/** Where a carrier following the change feed is: the `since` it last asked (or the snapshot it loaded). */
@Entity({ name: 'carrier_sync_positions' })
export class CarrierSyncPosition {
  @PrimaryColumn({ name: 'carrier_code', type: 'varchar', length: 32 })
  carrierCode: string;

  @Column({ name: 'synced_version', type: 'bigint', transformer: bigintAsNumber })
  syncedVersion: number;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
}
