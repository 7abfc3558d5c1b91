import type { components } from './schema';

// The registry's response shapes as the console reads them: aliases of the generated contract (schema.d.ts, from
// the registry's OpenAPI document), never written out by hand. The few local types below cover what the document
// does not describe yet; each says which gap it fills.
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
export type CreatedUser = Schemas['CreatedUserDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type AuditPage = Schemas['AuditPageDto'];
export type AuditVerification = Schemas['AuditVerificationDto'];
export type Invitation = Schemas['InvitationDto'];
export type CreatedInvitation = Schemas['CreatedInvitationDto'];
export type Application = Schemas['ApplicationDto'];
/** An item waiting for review (its `changes` typed locally: see FieldChange). */
export type ReviewItem = Omit<Schemas['ReviewItemDto'], 'changes'> & { changes: FieldChange[] };
export type ReviewQueue = Schemas['ReviewQueuePageDto'];
export type ReviewKind = ReviewItem['kind'];
export type ReviewChange = ReviewItem['change'];

/**
 * One field of a pending revision in the queue, live value → proposed value. Gap: FieldChangeDto declares
 * `before` and `after` as `type: object`, though they hold any JSON value (a string, a list, null).
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What the review actions read of an organization, a brandname or a number. */
export type Reviewable = Pick<Organization, 'id' | 'status' | 'fourEyes' | 'pendingRevision' | 'pendingReinstate'> & {
  organizationId?: string;
};

/**
 * A refused item's error, as in the error body. Gap: ItemErrorDto.code and ImportRowErrorDto.error are declared
 * `type: object` (no properties), though both hold `{code: string, message: string}`.
 */
export interface ItemError {
  code: string;
  message: string;
  rule?: string;
}

/** One result of a bulk approval (its `error` typed locally: see ItemError). */
export type BulkItemResult = Omit<Schemas['BulkItemResultDto'], 'error'> & { error?: ItemError };

/** The CSV import's report (each row's `error` typed locally: see ItemError). */
export type ImportReport = Omit<Schemas['ImportReportDto'], 'rows'> & {
  rows: Array<Omit<Schemas['ImportRowErrorDto'], 'error'> & { error: ItemError }>;
};

/** A refused request's problem, per field, as the registry lists it (gap: the error body has no schema). */
export interface FieldProblem {
  field: string;
  code?: string;
  message: string;
}

/**
 * Every refusal's body: `{statusCode, code, message, requestId}`, with `fields` (an application's problems) and
 * `rule` (a four-eyes refusal). Gap: no error response in the OpenAPI document has a schema.
 */
export interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  requestId?: string;
  fields?: FieldProblem[];
  rule?: string;
}
