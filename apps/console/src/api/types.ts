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
export type FieldProblem = Schemas['FieldErrorDto'];
/**
 * Every refusal's body: `{statusCode, code, message, requestId}`, with `fields` (each problem of a request) and
 * `rule` (a four-eyes refusal), as every error response of the contract declares it.
 */
export type ErrorBody = Schemas['ErrorBodyDto'];

/** A protected state name (issue 25), with its waiting proposal; a proposal to add, change or remove one. */
export type ProtectedName = Schemas['ProtectedNameDto'];
export type ProtectedNameProposal = Schemas['ProtectedNameProposalDto'];
export type CreateProtectedNameProposal = Schemas['CreateProposalDto'];
/** An organization's kind (the same list the registry's OrganizationKind has). */
export type OrganizationKind = Organization['kind'];
