import { DomainError } from '../errors';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../lifecycle';

/**
 * How the protected-name list changes: a regulator proposes an addition, a change or a removal; a second regulator
 * (four eyes: step approve_protected_name) approves or rejects it; the proposer may withdraw it while it waits. Only
 * an approved proposal touches the list.
 */
export const PROTECTED_NAME_STATUSES = ['active', 'removed'] as const;
export type ProtectedNameStatus = (typeof PROTECTED_NAME_STATUSES)[number];
/** The status of a name in force: the one the registry enforces and publishes. */
export const PROTECTED_NAME_IN_FORCE: ProtectedNameStatus = 'active';

/** Only a name in force is changed or removed. */
export function assertProtectedNameInForce(name: { term: string; status: ProtectedNameStatus }): void {
  if (name.status !== PROTECTED_NAME_IN_FORCE) {
    throw new DomainError('INVALID_TRANSITION', `The protected name "${name.term}" is ${name.status}; it cannot be changed`);
  }
}

export const PROTECTED_NAME_ACTIONS = ['add', 'change', 'remove'] as const;
export type ProtectedNameAction = (typeof PROTECTED_NAME_ACTIONS)[number];

export const PROTECTED_NAME_PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ProtectedNameProposalStatus = (typeof PROTECTED_NAME_PROPOSAL_STATUSES)[number];
export const PENDING_PROTECTED_NAME_PROPOSAL: ProtectedNameProposalStatus = 'pending';

export type ProtectedNameDecision = 'approve' | 'reject' | 'withdraw';

const DECISIONS: Record<ProtectedNameDecision, ProtectedNameProposalStatus> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** The status a decision gives a proposal; only a pending proposal is decided. */
export function decideProtectedNameProposal(
  current: ProtectedNameProposalStatus,
  decision: ProtectedNameDecision,
): ProtectedNameProposalStatus {
  if (current !== PENDING_PROTECTED_NAME_PROPOSAL) {
    throw new DomainError('INVALID_TRANSITION', `Cannot ${decision} a proposal whose status is ${current}`);
  }
  return DECISIONS[decision];
}

/** The status of the name once an approved proposal applies. */
export function protectedNameStatusAfter(action: ProtectedNameAction): ProtectedNameStatus {
  return action === 'remove' ? 'removed' : 'active';
}

export interface ProtectedNameFields {
  term: string;
  spellings: string[];
  kinds: OrganizationKind[];
  source: string;
}

const TERM_MAX = 64;
const SPELLINGS_MAX = 40;
const SOURCE_MAX = 500;

/**
 * A proposal's fields, normalised: NFC, whitespace collapsed, spellings distinct (the term itself dropped), kinds
 * known and distinct, a source. Throws VALIDATION_FAILED naming the field.
 */
export function normalizeProtectedNameFields(input: {
  term: unknown;
  spellings?: unknown;
  kinds: unknown;
  source: unknown;
}): ProtectedNameFields {
  const text = (value: unknown, field: string, max: number): string => {
    if (typeof value !== 'string') fail(field, `${field} must be a string`);
    const clean = (value as string)
      .normalize('NFC')
      .replace(/\p{White_Space}+/gu, ' ')
      .replace(/^ | $/g, '');
    if (clean === '') fail(field, `${field} is required`);
    if (Array.from(clean).length > max) fail(field, `${field} is longer than ${max} characters`);
    if (!/\p{L}/u.test(clean)) fail(field, `${field} must contain a letter`);
    return clean;
  };
  const term = text(input.term, 'term', TERM_MAX);
  const rawSpellings = input.spellings ?? [];
  if (!Array.isArray(rawSpellings)) fail('spellings', 'spellings must be a list of strings');
  if ((rawSpellings as unknown[]).length > SPELLINGS_MAX) fail('spellings', `at most ${SPELLINGS_MAX} spellings`);
  const seen = new Set([term.toLowerCase()]);
  const spellings: string[] = [];
  for (const s of rawSpellings as unknown[]) {
    const spelling = text(s, 'spellings', TERM_MAX);
    if (seen.has(spelling.toLowerCase())) continue;
    seen.add(spelling.toLowerCase());
    spellings.push(spelling);
  }
  if (!Array.isArray(input.kinds) || input.kinds.length === 0) fail('kinds', 'kinds must name at least one organization kind');
  const kinds = [...new Set(input.kinds as unknown[])];
  for (const k of kinds) {
    if (!(ORGANIZATION_KINDS as readonly unknown[]).includes(k)) fail('kinds', `unknown organization kind ${JSON.stringify(k)}`);
  }
  const source = text(input.source, 'source', SOURCE_MAX);
  return { term, spellings, kinds: kinds as OrganizationKind[], source };
}

function fail(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', message, { fields: [{ field, message }] });
}
