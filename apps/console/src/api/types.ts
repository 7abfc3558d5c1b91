import type { ReservedNameDetails } from '@app/domain/reserved-name-text';
import type { components } from './schema';

// The registry's response shapes as the console reads them: aliases of the generated contract (schema.d.ts, from
// the registry's OpenAPI document), never written out by hand.
type Schemas = components['schemas'];

export type Me = Schemas['MeDto'];
export type Role = Me['role'];
export type FourEyes = Schemas['FourEyesDto'];
export type Revision = Schemas['RevisionDto'];
export type Organization = Schemas['OrganizationDto'];
export type Brandname = Schemas['BrandnameDto'];
export type CallerNumber = Schemas['NumberDto'];
export type NumberPage = Schemas['NumberPageDto'];
export type NumberSearchPage = Schemas['NumberSearchPageDto'];
export type Rollout = Schemas['RolloutDto'];
export type Carrier = Schemas['CarrierDto'];
export type CarrierEntry = Schemas['CarrierEntryDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type User = Schemas['UserDto'];
/** An account's second factor as a manager sees it: on or not, and a reset waiting (with your four-eyes verdict). */
export type AccountSecondFactor = Schemas['AccountSecondFactorDto'];
export type CreatedUser = Schemas['CreatedUserDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type AuditPage = Schemas['AuditPageDto'];
export type AuditVerification = Schemas['AuditVerificationDto'];
export type Invitation = Schemas['InvitationDto'];
export type CreatedInvitation = Schemas['CreatedInvitationDto'];
export type Application = Schemas['ApplicationDto'];
export type ReviewItem = Schemas['ReviewItemDto'];
export type ReviewQueue = Schemas['ReviewQueuePageDto'];
export type ReviewKind = ReviewItem['kind'];
export type ReviewChange = ReviewItem['change'];
/** A reviewed field's value, as a revision holds it (a queue item's before → after): a string, a number, a list of carrier codes, or null. */
export type FieldValue = Schemas['FieldChangeDto']['after'];

/** What the review actions read of an organization, a brandname or a number. */
export type Reviewable = Pick<Organization, 'id' | 'status' | 'fourEyes' | 'pendingRevision' | 'pendingReinstate'> & {
  organizationId?: string;
};

/** One result of a bulk approval (a refused item's error: code, message and four-eyes rule, as in the error body). */
export type BulkItemResult = Schemas['BulkItemResultDto'];
/** The CSV import's report. */
export type ImportReport = Schemas['ImportReportDto'];

/** A refused request's problem, per field, as the registry lists it. */
// TODO(issue 25): `details` until the registry's contract declares it (then the generated types say it alone).
export type FieldProblem = Schemas['FieldErrorDto'] & { details?: ReservedNameDetails };
/**
 * Every refusal's body: `{statusCode, code, message, requestId}`, with `fields` (each problem of a request) and
 * `rule` (a four-eyes refusal), as every error response of the contract declares it.
 */
export type ErrorBody = Omit<Schemas['ErrorBodyDto'], 'fields'> & { fields?: FieldProblem[]; details?: ReservedNameDetails };

/** A protected state name (issue 25), with its waiting proposal; and a proposal to add, change or remove one. */
// TODO(issue 25): aliases of the generated contract once the registry's OpenAPI document has them.
export interface ProtectedNameProposal {
  id: string;
  action: 'add' | 'change' | 'remove';
  protectedNameId: string | null;
  term: string;
  spellings: string[];
  kinds: string[];
  source: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  createdBy: { id: string; username: string } | null;
  createdAt: string;
  decidedBy: { id: string; username: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  fourEyes?: FourEyes;
}
export interface ProtectedName {
  id: string;
  term: string;
  spellings: string[];
  kinds: string[];
  source: string;
  status: 'active' | 'removed';
  version: number;
  updatedAt: string;
  pendingProposal: ProtectedNameProposal | null;
}
export type CreateProtectedNameProposal = Pick<ProtectedNameProposal, 'action' | 'reason'> &
  Partial<Pick<ProtectedNameProposal, 'term' | 'spellings' | 'kinds' | 'source'>> & { protectedNameId?: string };
