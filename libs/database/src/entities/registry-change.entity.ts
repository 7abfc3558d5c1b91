import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LookupEntry, PublishedProtectedName, ReorganizationHint } from '@app/domain';

const bigintAsNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** The change feed: one row per change to a lookup answer, versioned in commit order. */
@Entity({ name: 'registry_changes' })
export class RegistryChange {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  version: number;

  /** The number changed; null when the change is a protected name's. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  e164: string | null;

  /** The protected name changed (its entry is then a PublishedProtectedName); null for a number's change. */
  @Column({ name: 'protected_name_id', type: 'uuid', nullable: true })
  protectedNameId: string | null;

  @Column({ type: 'varchar', length: 8 })
  op: 'upsert' | 'remove';

  @Column({ type: 'jsonb', nullable: true })
  entry: LookupEntry | PublishedProtectedName | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  /** Set when a reorganization moved the number: carriers can tell a move from a new registration. */
  @Column({ type: 'jsonb', nullable: true })
  reorganization: ReorganizationHint | null;
  /** The registry's compact JWS of an upsert's entry, and the key that made it. */
  @Column({ type: 'text', nullable: true })
  jws: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  kid: string | null;
}

/** The current published entry per number: what the lookup index loads at start-up. */
@Entity({ name: 'published_numbers' })
export class PublishedNumber {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  e164: string;

  @Column({ type: 'jsonb' })
  entry: LookupEntry;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  version: number;

  /** When its validity starts, if later: the timed publisher publishes it again then. */
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  /** When it ends (validTo, or the label's expiry): the timed publisher removes it then. */
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'text', nullable: true })
  jws: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  kid: string | null;
}

/**
 * One row holding the registry version. Writers bump it with UPDATE ... RETURNING, which holds the row lock
 * until commit, so versions become visible in order and a reader polling `version > V` never skips one.
 */
@Entity({ name: 'registry_state' })
export class RegistryState {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  version: number;

  /** Oldest version still in registry_changes; older `since` values need a snapshot. */
  @Column({ name: 'retained_from', type: 'bigint', transformer: bigintAsNumber })
  retainedFrom: number;
}
