import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Author } from '@app/domain';

/**
 * An account's TOTP second factor. Its own table, so that loading a user never loads its secret; never mapped to
 * an answer (the secret and the recovery codes are shown once, to the holder, when enrolled).
 */
@Entity({ name: 'second_factors' })
export class SecondFactor {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Base32, as authenticator apps take it. */
  @Column({ type: 'varchar', length: 64 })
  secret: string;

  /** Null until the holder proves it with a first code: until then it is asked for nothing. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The last TOTP time step accepted: an older or equal one is a replay. bigint arrives as a string. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  /** SHA-256 of each unused recovery code. */
  @Column({ name: 'recovery_code_hashes', type: 'jsonb', default: () => "'[]'" })
  recoveryCodeHashes: string[];

  /** A reset waiting for a second regulator: who asked, and the reset's authors frozen then. */
  @Column({ name: 'reset_requested_by', type: 'uuid', nullable: true })
  resetRequestedBy: string | null;

  @Column({ name: 'reset_authors', type: 'jsonb', default: () => "'[]'" })
  resetAuthors: Author[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Attempts at a secret under one key (sign-in-throttle.ts); see SignInThrottleRepository. */
@Entity({ name: 'sign_in_throttles' })
export class SignInThrottle {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz' })
  lastAttemptAt: Date;
}
