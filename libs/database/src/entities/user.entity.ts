import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from './base.entity';
import type { AccountStatus, Author, UserRole } from '@app/domain';
import { Organization } from './organization.entity';

@Entity({ name: 'users' })
export class User extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique ignoring case: the migration's users_username_key on lower(username). */
  @Column({ type: 'varchar', length: 64 })
  username: string;

  /** argon2id hash; never leaves the service. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  /** Set for agency admins: the one organization they manage. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AccountStatus;

  /** Who created the account (null: the first regulator, an applicant, the CLI); control is in account_controls. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Who last changed its role or status: that regulator may not approve the change. */
  @Column({ name: 'status_changed_by', type: 'uuid', nullable: true })
  statusChangedBy: string | null;

  /** Carried in access tokens (`tv`): a password change or reset bumps it, and older tokens stop working. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** Set by a reset or a generated password: the user must choose a new one before anything else. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /**
   * An enrollment: the holder sets its own password with a code in two halves, the first shown to the creator,
   * the second to the approver (only their SHA-256 here). Null once enrolled, and for accounts made with a password.
   */
  @Column({ name: 'enrollment_first_hash', type: 'varchar', length: 64, nullable: true })
  enrollmentFirstHash: string | null;

  @Column({ name: 'enrollment_second_hash', type: 'varchar', length: 64, nullable: true })
  enrollmentSecondHash: string | null;

  @Column({ name: 'enrollment_expires_at', type: 'timestamptz', nullable: true })
  enrollmentExpiresAt: Date | null;

  /** While pending: the account and whoever created, promoted or re-enabled it, facts frozen then. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];
}
