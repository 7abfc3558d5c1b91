import { DomainError, ErrorCode, FieldError, isDomainError, ReservedNameClaim, reservedNameClaim } from './errors';

/**
 * Onboarding: a regulator invites an organization, the organization applies (its brandname, numbers and first
 * admin in one submission), a second regulator decides. Plain rules, no persistence.
 */

/** An invitation is valid for 14 days and for one application. */
export const INVITATION_VALIDITY_DAYS = 14;
export const INVITATION_STATUSES = ['open', 'used', 'expired', 'revoked', 'exhausted'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * How many refused submissions one invitation takes. Every refusal after the token was accepted counts (a taken
 * username, a bad number, a look-alike label: each answer tells something about the registry), so whoever holds
 * one invitation can ask the form at most this many questions; then the invitation is `exhausted` and even a
 * correct application is refused (INVITATION_EXHAUSTED) until the regulator sends a new one.
 */
export const INVITATION_MAX_REFUSED_SUBMISSIONS = 5;

export interface InvitationState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  /** Refused submissions so far (counted in the database). */
  refusedSubmissions: number;
}

export function invitationExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITATION_VALIDITY_DAYS * 24 * 3600 * 1000);
}

export function invitationStatus(inv: InvitationState, now: Date): InvitationStatus {
  if (inv.revokedAt) return 'revoked';
  if (inv.usedAt) return 'used';
  if (now.getTime() >= inv.expiresAt.getTime()) return 'expired';
  return invitationExhausted(inv.refusedSubmissions) ? 'exhausted' : 'open';
}

/** Whether an invitation with this many refused submissions takes no more. */
export function invitationExhausted(refusedSubmissions: number): boolean {
  return refusedSubmissions >= INVITATION_MAX_REFUSED_SUBMISSIONS;
}

/** One more refused submission: the new count, and how many the invitation still takes. */
export function countRefusedSubmission(refusedSubmissions: number): { refusedSubmissions: number; left: number } {
  const next = refusedSubmissions + 1;
  return { refusedSubmissions: next, left: Math.max(0, INVITATION_MAX_REFUSED_SUBMISSIONS - next) };
}

/**
 * The token must name an open invitation. A forged, expired, used or revoked token gets one and the same answer
 * (nothing about which, nor about the names in the application, whose look-up happens only after this); a real
 * token whose invitation has taken its refused submissions gets INVITATION_EXHAUSTED (only its holder can ask).
 */
export function assertInvitationUsable(inv: InvitationState | null, now: Date): void {
  const status = inv ? invitationStatus(inv, now) : null;
  if (status === 'open') return;
  if (status === 'exhausted') {
    throw new DomainError(
      'INVITATION_EXHAUSTED',
      `This invitation was refused ${INVITATION_MAX_REFUSED_SUBMISSIONS} times and takes no more applications; ask the regulator for a new one`,
    );
  }
  throw new DomainError('INVITATION_INVALID', 'This invitation cannot be used; ask the regulator for a new one');
}

/** The field the generic name refusal is reported under, whichever name was taken. */
export const NAME_UNAVAILABLE_FIELD = 'applicant.username';
const NAME_UNAVAILABLE_MESSAGE = 'The username or the organization code is unavailable; choose another username';

/** The one answer to an application whose username or organization code is taken: it never says which. */
export function nameUnavailable(): DomainError {
  return new DomainError('NAME_UNAVAILABLE', NAME_UNAVAILABLE_MESSAGE, {
    fields: [{ field: NAME_UNAVAILABLE_FIELD, message: NAME_UNAVAILABLE_MESSAGE, code: 'NAME_UNAVAILABLE' }],
  });
}

/** Adds the generic name problem to an application's problems. */
export function addNameUnavailable(problems: ProblemList): void {
  problems.add(NAME_UNAVAILABLE_FIELD, 'NAME_UNAVAILABLE', NAME_UNAVAILABLE_MESSAGE);
}

export function assertInvitationRevocable(inv: InvitationState, now: Date): void {
  const status = invitationStatus(inv, now);
  if (status !== 'open') throw new DomainError('INVALID_TRANSITION', `An invitation that is ${status} cannot be revoked`);
}

// ---------------------------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------------------------

export const APPLICATION_STATUSES = ['submitted', 'changes_requested', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_ACTIONS = ['request_changes', 'resubmit', 'approve', 'reject'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** A new application is submitted for review at once. */
export const INITIAL_APPLICATION_STATUS: ApplicationStatus = 'submitted';

/** Up to this many numbers in one application; more through the CSV import once approved. */
export const APPLICATION_MAX_NUMBERS = 1000;

const APPLICATION_TRANSITIONS: Record<ApplicationAction, Partial<Record<ApplicationStatus, ApplicationStatus>>> = {
  request_changes: { submitted: 'changes_requested' },
  resubmit: { changes_requested: 'submitted' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'rejected', changes_requested: 'rejected' },
};

export function nextApplicationStatus(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const next = APPLICATION_TRANSITIONS[action][current];
  if (!next) throw new DomainError('INVALID_TRANSITION', `Cannot ${action.replace('_', ' ')} an application that is ${current}`);
  return next;
}

/** The applicant edits only an application sent back for changes; documents may be added until it is decided. */
export function assertApplicationEditable(status: ApplicationStatus): void {
  if (status !== 'changes_requested') {
    throw new DomainError('INVALID_TRANSITION', `An application that is ${status} cannot be edited; edits follow a request for changes`);
  }
}

/** Who may see an application: regulators and auditors every one, an agency admin its own organization's. */
export function assertMayReadApplication(actor: { role: string; organizationId: string | null }, app: { organizationId: string }): void {
  if (actor.role === 'agency_admin' && actor.organizationId !== app.organizationId) {
    throw new DomainError('FORBIDDEN', 'You can only see your own application');
  }
}

/** Only the applying organization's admin edits and resubmits its application. */
export function assertOwnApplication(actor: { role: string; organizationId: string | null }, app: { organizationId: string }): void {
  if (actor.role !== 'agency_admin' || actor.organizationId !== app.organizationId) {
    throw new DomainError('FORBIDDEN', 'Only the applying organization edits and resubmits its application');
  }
}

/** An application's documents are the applicant's and the regulators': nobody else adds or reads them. */
export function assertMayHandleDocuments(
  actor: { id: string; role: string },
  application: { applicantId: string },
  what: 'add' | 'read',
): void {
  if (actor.role === 'regulator' || actor.id === application.applicantId) return;
  throw new DomainError(
    'FORBIDDEN',
    what === 'add'
      ? 'Only the applicant or a regulator may add documents'
      : "Only regulators and the applicant may read an application's documents",
  );
}

export function assertDocumentsOpen(status: ApplicationStatus): void {
  if (status === 'approved' || status === 'rejected') {
    throw new DomainError('INVALID_TRANSITION', `An application that is ${status} takes no more documents`);
  }
}

/** What the reviewing regulator checks, each tick stored with who made it. */
export const CHECKLIST_ITEMS = ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistEvent {
  item: ChecklistItem;
  checked: boolean;
  /** Who ticked or unticked; null when a resubmission cleared the tick. */
  by: string | null;
  at: string;
}

/** The current state of each item: the last event for it. */
export function checklistState(events: readonly ChecklistEvent[]): Record<ChecklistItem, ChecklistEvent | null> {
  const state = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, null])) as Record<ChecklistItem, ChecklistEvent | null>;
  for (const e of events) state[e.item] = e;
  return state;
}

/** A resubmission clears every tick: what was checked may no longer hold. Who ticked stays barred. */
export function clearedChecklist(events: readonly ChecklistEvent[], at: Date): ChecklistEvent[] {
  const state = checklistState(events);
  const cleared = CHECKLIST_ITEMS.filter((i) => state[i]?.checked).map((item) => ({
    item,
    checked: false,
    by: null,
    at: at.toISOString(),
  }));
  return [...events, ...cleared];
}

/**
 * Approval of an application needs every checklist item ticked and a decision document. Who may approve it (not
 * whoever invited, applied, or ever ticked or unticked an item, nor anyone who can act as them) is the four-eyes
 * decision's (four-eyes.ts), on the application's authors.
 */
export function assertApplicationApprovable(application: { checklist: readonly ChecklistEvent[]; decisionDocuments: number }): void {
  const state = checklistState(application.checklist);
  const missing = CHECKLIST_ITEMS.filter((i) => !state[i]?.checked);
  if (missing.length) {
    throw new DomainError('VALIDATION_FAILED', `Tick every checklist item before approving: ${missing.join(', ')}`, {
      fields: missing.map((item) => ({ field: `checklist.${item}`, message: 'not ticked', code: 'VALIDATION_FAILED' })),
    });
  }
  if (application.decisionDocuments === 0) {
    throw new DomainError('VALIDATION_FAILED', 'The application has no decision document', {
      fields: [{ field: 'documents', message: 'a document of kind decision is required', code: 'VALIDATION_FAILED' }],
    });
  }
}

/**
 * Runs every check of a submission and collects their errors, so an application is refused whole with every
 * problem listed. One problem keeps its own code (and status); several are VALIDATION_FAILED with each code per field.
 */
export class ProblemList {
  private readonly problems: FieldError[] = [];

  check<T>(field: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (err) {
      if (!isDomainError(err)) throw err;
      this.add(field, err.code, err.message, reservedNameClaim(err));
      return undefined;
    }
  }

  async checkAsync<T>(field: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (err) {
      if (!isDomainError(err)) throw err;
      this.add(field, err.code, err.message, reservedNameClaim(err));
      return undefined;
    }
  }

  add(field: string, code: ErrorCode, message: string, details?: ReservedNameClaim): void {
    this.problems.push(details ? { field, message, code, details: { ...details, field } } : { field, message, code });
  }

  get size(): number {
    return this.problems.length;
  }

  throwIfAny(): void {
    const refusal = this.refusal();
    if (refusal) throw refusal;
  }

  /** The refusal these problems make (null for none), for a caller that records it before answering. */
  refusal(): DomainError | null {
    if (this.problems.length === 0) return null;
    const [first] = this.problems;
    if (this.problems.length === 1)
      return new DomainError(first.code ?? 'VALIDATION_FAILED', first.message, { fields: [...this.problems], ...first.details });
    return new DomainError('VALIDATION_FAILED', `The application has ${this.problems.length} problems; each is listed in fields`, {
      fields: [...this.problems],
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------------------

export const DOCUMENT_KINDS = ['decision', 'carrier_contract', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export type DocumentMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The type a file really is, by its first bytes; the name and the declared type are the sender's word only. */
export function sniffDocumentType(content: Buffer): DocumentMediaType | null {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (content.length >= 8 && png.every((b, i) => content[i] === b)) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}

const TYPE_BY_EXTENSION: Record<string, DocumentMediaType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/**
 * A document is a PDF, PNG or JPEG by its content, at most 10 MB; a file whose name or declared type says one
 * type while its bytes are another (a PNG renamed .pdf) is refused too: a reviewer would open it as what it says.
 */
export function assertDocumentAcceptable(content: Buffer, declared: { filename?: string; mediaType?: string } = {}): DocumentMediaType {
  if (content.length > DOCUMENT_MAX_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `A document may be at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`);
  }
  const type = sniffDocumentType(content);
  if (!type) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'A document must be a PDF, PNG or JPEG file (checked by its content)');
  const extension = /\.([a-z0-9]+)$/i.exec(declared.filename ?? '')?.[1]?.toLowerCase();
  const byName = extension ? TYPE_BY_EXTENSION[extension] : undefined;
  const byHeader = Object.values(TYPE_BY_EXTENSION).find((t) => t === declared.mediaType?.toLowerCase());
  if ((extension && byName !== type) || (byHeader && byHeader !== type)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `The file's content is ${type} but its name or declared type says otherwise`);
  }
  return type;
}
