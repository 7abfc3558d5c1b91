import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A public signing key (never a private one: a check constraint refuses a JWK with `d`). */
@Entity({ name: 'signing_keys' })
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, string>;

  /** The key new publications are signed with (one at a time). */
  @Column({ type: 'boolean', default: false })
  current: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Set once nothing is signed by it any more: it then leaves the JWKS. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}

/** A snapshot trailer the lookup asked the registry to sign. */
@Entity({ name: 'snapshot_signatures' })
export class SnapshotSignature {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ name: 'registry_version', type: 'bigint' })
  registryVersion: string;

  @Column({ type: 'integer' })
  count: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text', nullable: true })
  jws: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt: Date | null;
}
