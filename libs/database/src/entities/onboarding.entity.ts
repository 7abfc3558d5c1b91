import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus, Author, ChecklistEvent, HoldingSource, HoldingStatus, OrganizationKind } from '@app/domain';
import { VersionedEntity } from './base.entity';

/** A regulator's invitation to apply; only the token's SHA-256 is stored, the token is shown once. */
@Entity({ name: 'invitations' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique: invitations_token_hash_key. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'organization_code', type: 'varchar', length: 32 })
  organizationCode: string;

  @Column({ name: 'organization_name', type: 'varchar', length: 128 })
  organizationName: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganizationKind;

  @Column({ name: 'parent_organization_id', type: 'uuid', nullable: true })
  parentOrganizationId: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  /** Applications refused with this invitation's token; at the domain's limit it takes no more. */
  @Column({ name: 'refused_submissions', type: 'int', default: 0 })
  refusedSubmissions: number;
}

export interface ApplicantContact {
  fullName: string;
  email: string;
  phone: string;
}

/** An organization's application: its organization, brandname and numbers are pending rows until decided. */
@Entity({ name: 'applications' })
export class Application extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'invitation_id', type: 'uuid' })
  invitationId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'brandname_id', type: 'uuid' })
  brandnameId: string;

  @Column({ name: 'applicant_id', type: 'uuid' })
  applicantId: string;

  @Column({ name: 'applicant_contact', type: 'jsonb' })
  applicantContact: ApplicantContact;

  @Column({ type: 'varchar', length: 24 })
  status: ApplicationStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /** Every tick and untick, in order (append-only in practice). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  checklist: ChecklistEvent[];

  /** The applicant (at each submission), the inviter and every ticker, facts frozen when each acted. */
  @Column({ name: 'review_authors', type: 'jsonb', default: () => "'[]'" })
  reviewAuthors: Author[];

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}

/** An uploaded file (PDF, PNG or JPEG by its content), kept in the database with its SHA-256. */
@Entity({ name: 'documents' })
export class StoredDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'media_type', type: 'varchar', length: 32 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Not selected unless asked for: listings never carry the bytes. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}

/** Who holds a number and what that carrier (or a regulator for it) said. */
@Entity({ name: 'number_holdings' })
export class NumberHolding {
  @PrimaryColumn({ name: 'number_id', type: 'uuid' })
  numberId: string;

  @Column({ name: 'carrier_code', type: 'varchar', length: 32, nullable: true })
  carrierCode: string | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: HoldingStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  source: HoldingSource | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_carrier_id', type: 'uuid', nullable: true })
  decidedByCarrierId: string | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Column({ name: 'release_reason', type: 'text', nullable: true })
  releaseReason: string | null;
}
