// Shapes of the registry's /v1 API (apps/registry/src/**/dto), as the console uses them.
export type Role = 'regulator' | 'agency_admin' | 'auditor';
export type ReviewStatus = 'pending' | 'active' | 'rejected' | 'suspended' | 'revoked' | 'merged';

export interface Me {
  id: string;
  username: string;
  role: Role;
  organizationId: string | null;
  /** A reset or generated password: the console shows only the change-password screen until it is changed. */
  passwordChangeRequired?: boolean;
}

/**
 * The registry's four-eyes verdict for the signed-in person on something waiting for a decision: the console
 * shows it (libs/domain four-eyes-text.ts says why in Vietnamese) and never decides it again.
 */
export interface FourEyes {
  allowed: boolean;
  code?: 'FOUR_EYES_REQUIRED' | 'FORBIDDEN' | string;
  rule?: string;
  reason?: string;
}

/** A reviewed change to a live item (`change`), or a requested reinstatement (`reinstate`), waiting for a second person. */
export interface Revision {
  id: string;
  kind?: 'change' | 'reinstate';
  status: string;
  changes: Record<string, unknown>;
  previous: Record<string, unknown>;
  /** Who proposed or requested it. */
  submittedBy: string | null;
  createdAt: string;
  /** Why it was requested (a reinstatement). */
  reason?: string | null;
  /** Whether you may approve it (GET answers only). */
  fourEyes?: FourEyes;
}

export interface Reviewable {
  id: string;
  pendingRevision?: Revision | null;
  /** A requested reinstatement of a suspended item, waiting for a second person. */
  pendingReinstate?: Revision | null;
  /** A pending item: whether you may approve it (GET answers only). */
  fourEyes?: FourEyes;
  status: ReviewStatus;
  statusReason: string | null;
  submittedBy: string | null;
  lastChangedBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Organization extends Reviewable {
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  successorId: string | null;
  rolloutWave: number | null;
}

export interface CarrierRollout {
  carrier: string;
  carrierName: string;
  syncedVersion: number | null;
  syncedAt: string | null;
  upToDate: boolean;
  firstBrandedAt: string | null;
  lastBrandedAt: string | null;
  brandedLast24h: number;
  daily: Array<{ date: string; answers: number }>;
}

export interface Rollout {
  organizationId: string;
  organizationVersion: number | null;
  registryVersion: number;
  carriers: CarrierRollout[];
}

export interface Brandname extends Reviewable {
  organizationId: string;
  label: string;
  displayName: string;
  displayNameAscii: string;
  callReason: string | null;
  approvedAt: string | null;
  expiresAt: string | null;
}

export interface CallerNumber extends Reviewable {
  number: string;
  type: string;
  organizationId: string;
  brandnameId: string;
  direction: 'outbound' | 'inbound_only' | string;
  allowedOrigins: string[];
  validFrom: string | null;
  validTo: string | null;
  evidence: string | null;
}

export interface NumberPage {
  items: CallerNumber[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ImportRow {
  line: number;
  input: string;
  error: { code: string; message: string };
}

export interface ImportReport {
  total: number;
  accepted: number;
  rejected: number;
  dryRun: boolean;
  rows: ImportRow[];
}

export interface ApiKey {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Carrier {
  id: string;
  code: string;
  name: string;
  status: string;
  version: number;
  apiKeys: ApiKey[];
}

export interface User {
  id: string;
  username: string;
  role: Role;
  organizationId: string | null;
  status: string;
  statusChangedBy: string | null;
  passwordChangeRequired: boolean;
  version: number;
  createdBy?: string | null;
  /** An enrolled regulator: waiting for the approval (second half of its code), or for its holder to set a password. */
  enrollment?: 'awaiting_approval' | 'awaiting_holder' | null;
  /** A pending account: whether you may approve it (GET answers only). */
  fourEyes?: FourEyes;
}

/** POST /v1/users and POST /v1/users/{id}/approve: the account, and a secret shown once. */
export interface CreatedUser extends User {
  oneTimePassword?: string;
  /** An enrollment: the creator's half (creation) or the approver's half (approval) of the code. */
  enrollmentCode?: string;
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  brokenAt: number | null;
  reason: string | null;
}

export interface Invitation {
  id: string;
  organizationCode: string;
  organizationName: string;
  kind: string;
  status: 'open' | 'used' | 'expired' | 'revoked';
  expiresAt: string;
  createdAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export interface Holding {
  carrier: string | null;
  status: 'pending' | 'confirmed' | 'denied' | 'released';
  source: string | null;
  decidedAt: string | null;
  reference: string | null;
  reason: string | null;
  releaseReason: string | null;
}

export interface ApplicationNumber {
  id: string;
  number: string;
  direction: string;
  status: ReviewStatus;
  statusReason: string | null;
  holding: Holding | null;
}

export interface ApplicationDocument {
  id: string;
  kind: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface ChecklistEntry {
  item: string;
  checked: boolean;
  by: string | null;
  at: string | null;
}

export interface Application {
  id: string;
  status: 'submitted' | 'changes_requested' | 'approved' | 'rejected';
  statusReason: string | null;
  organizationId: string;
  organization: { id: string; code: string; name: string; kind: string; status: ReviewStatus };
  brandname: { id: string; label: string; displayName: string; displayNameAscii: string; callReason: string | null; status: ReviewStatus };
  applicant: { id: string; username: string; fullName: string; email: string; phone: string };
  numbers: ApplicationNumber[];
  documents: ApplicationDocument[];
  checklist: ChecklistEntry[];
  submittedAt: string;
  decidedAt: string | null;
  version: number;
  /** A submitted application: whether you may approve it (GET answers only). */
  fourEyes?: FourEyes;
}

/** A refused request's problem, per field, as the registry lists it. */
export interface FieldProblem {
  field: string;
  code?: string;
  message: string;
}

export type ReviewKind = 'organizations' | 'brandnames' | 'numbers';

/** What waits in the queue: a pending item, a pending revision of a live one, or a requested reinstatement. */
export type ReviewChange = 'new' | 'revision' | 'reinstate';

export interface OrganizationRef {
  id: string;
  code: string;
  name: string;
}

/** GET /v1/reviews/pending: one item with everything a reviewer reads. */
export interface ReviewItem {
  kind: ReviewKind;
  id: string;
  change: ReviewChange;
  status: string;
  version: number;
  organization: OrganizationRef;
  submittedBy: { id: string; username: string | null } | null;
  submittedAt: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  /** reinstate: why it was requested. */
  reason?: string | null;
  fourEyes: FourEyes;
  number?: string;
  nationalNumber?: string;
  direction?: 'outbound' | 'inbound_only';
  allowedOrigins?: string[];
  validFrom?: string | null;
  validTo?: string | null;
  evidence?: string | null;
  holdingStatus?: string | null;
  label?: string;
  displayName?: string;
  callReason?: string | null;
  organizationKind?: string;
}

export interface ReviewQueue {
  items: ReviewItem[];
  total: number;
  nextCursor: string | null;
}

export interface BulkItemResult {
  kind: ReviewKind;
  id: string;
  change?: ReviewChange;
  ok: boolean;
  status?: string;
  error?: { code: string; message: string };
}

export interface NumberSearchItem {
  id: string;
  number: string;
  nationalNumber: string;
  organization: OrganizationRef;
  label: string;
  status: string;
  direction: 'outbound' | 'inbound_only';
}

export interface NumberSearchPage {
  items: NumberSearchItem[];
  total: number;
  page: number;
  pageSize: number;
}
