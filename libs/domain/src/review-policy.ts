import { DomainError } from './errors';
import type { AccountStatus, ReviewAction, UserRole } from './lifecycle';
import { INTERNATIONAL_ORIGIN } from './lookup-entry';

/**
 * The review policy: the one place that decides whether a change needs a second person.
 *
 * - `reviewed`: needs a second person before it affects lookups. Everything a handset shows, and everything
 *   that widens who may brand.
 * - `narrowing`: applies at once when it narrows (the answer gets safer), is reviewed when it widens.
 * - `immediate`: applies at once; it neither shows on a handset nor widens who may brand.
 *
 * Creating an item needs no entry here: every new organization, brandname and number starts pending
 * (lifecycle INITIAL_STATUS), so all of it is reviewed. Accounts follow `reviewOfNewAccount`.
 * A reorganization (a merge or transfer of numbers) changes what many handsets show at once: it always starts
 * pending, and its approval is barred to its proposer by `partiesBarredFrom('approve', …)` like any item's.
 */
export type ChangeRule = 'reviewed' | 'narrowing' | 'immediate';

export const REVIEW_POLICY = {
  organization: {
    name: 'reviewed', // shown beside the brand
    parentId: 'reviewed', // a parent's suspension covers its children: detaching one re-brands it
    rolloutWave: 'immediate', // planning only
  },
  brandname: {
    label: 'reviewed',
    displayName: 'reviewed',
    displayNameAscii: 'reviewed',
    callReason: 'reviewed',
  },
  number: {
    brandnameId: 'reviewed', // which name shows
    direction: 'reviewed', // inbound-only blocks every call; outbound lets it brand
    allowedOrigins: 'narrowing', // removing an origin narrows; adding one (INTERNATIONAL above all) or clearing widens
    validFrom: 'narrowing', // later narrows; earlier or cleared widens
    validTo: 'narrowing', // earlier narrows; later or cleared widens
    evidence: 'immediate', // what the reviewer read; shown nowhere
  },
  carrier: {
    // Who may look up, not what is shown: a suspended carrier's subscribers see bare numbers, never a wrong name.
    name: 'immediate',
    status: 'immediate',
  },
  user: {
    role: 'reviewed', // becoming a regulator needs a second regulator (reviewOfNewAccount, reviewOfAccountChange)
    status: 'narrowing', // disabling applies at once; making a regulator active again is reviewed
    organizationId: 'immediate', // an agency admin acts for one organization, and its submissions are reviewed
    username: 'immediate',
    password: 'immediate',
  },
} as const satisfies Record<string, Record<string, ChangeRule>>;

export type PolicyKind = keyof typeof REVIEW_POLICY;

/**
 * Fields that change together: if one of them waits for review, so do the others changed with it. A validity
 * window whose later end needs review while its later start would apply at once could otherwise be empty.
 */
const LINKED_FIELDS: Partial<Record<PolicyKind, ReadonlyArray<readonly string[]>>> = {
  number: [['validFrom', 'validTo']],
};

/**
 * Values compared by the policy: strings, numbers, null, sorted string arrays; dates as ISO-8601 strings.
 * `allowedOrigins` empty means every domestic carrier (never INTERNATIONAL).
 */
export type PolicyValue = string | number | null | readonly string[];
export type PolicyFields = Record<string, PolicyValue>;

export interface SplitChange {
  /** Fields that apply at once. */
  immediate: PolicyFields;
  /** Fields that wait for a second person (a revision of a live item). */
  reviewed: PolicyFields;
}

/** Does `after` narrow (or keep) what `before` allowed? Only for `narrowing` fields. */
const NARROWS: Record<string, (before: PolicyValue, after: PolicyValue) => boolean> = {
  allowedOrigins: (before, after) => originsNarrow(before as readonly string[], after as readonly string[]),
  validFrom: (before, after) => after !== null && (before === null || time(after) >= time(before)),
  validTo: (before, after) => after !== null && (before === null || time(after) <= time(before)),
};

/**
 * Splits a proposed edit of a live item into what applies at once and what waits for review. Fields equal to
 * the live value are dropped; a field the policy does not list is a programming error, not a user error.
 */
export function splitChange(kind: PolicyKind, live: PolicyFields, proposed: PolicyFields): SplitChange {
  const rules: Record<string, ChangeRule> = REVIEW_POLICY[kind];
  const split: SplitChange = { immediate: {}, reviewed: {} };
  for (const [field, value] of Object.entries(proposed)) {
    const rule = rules[field];
    if (!rule) throw new Error(`The review policy has no rule for ${kind}.${field}`);
    if (sameValue(live[field], value)) continue;
    const immediate = rule === 'immediate' || (rule === 'narrowing' && NARROWS[field](live[field], value));
    (immediate ? split.immediate : split.reviewed)[field] = value;
  }
  for (const group of LINKED_FIELDS[kind] ?? []) {
    if (!group.some((f) => f in split.reviewed)) continue;
    for (const f of group) {
      if (f in split.immediate) {
        split.reviewed[f] = split.immediate[f];
        delete split.immediate[f];
      }
    }
  }
  return split;
}

export function sameValue(a: PolicyValue | undefined, b: PolicyValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Every origin the new list allows was allowed before; an empty list means every domestic carrier. */
export function originsNarrow(before: readonly string[], after: readonly string[]): boolean {
  if (after.length === 0) return before.length === 0;
  if (before.length === 0) return !after.includes(INTERNATIONAL_ORIGIN);
  return after.every((o) => before.includes(o));
}

function time(value: PolicyValue): number {
  return Date.parse(value as string);
}

// ---------------------------------------------------------------------------------------------------------------
// Four eyes
// ---------------------------------------------------------------------------------------------------------------

/** Who took part in an item: ids of users. */
export interface ReviewParties {
  submittedBy: string | null;
  lastChangedBy: string | null;
  /** Who made the last status change (for a suspended item: who suspended it). */
  statusChangedBy: string | null;
}

/** A party as the four-eyes rule sees it. */
export interface Party {
  id: string;
  role: UserRole | null;
  /** Who created the account; null for the bootstrap regulator. */
  createdBy: string | null;
}

/**
 * The ids that may not take `action`: approve is barred to whoever submitted or last changed the item,
 * reinstate to whoever suspended it. Reject, suspend and revoke make answers safer: anyone may.
 */
export function partiesBarredFrom(action: ReviewAction, item: ReviewParties): string[] {
  const ids = action === 'approve' ? [item.submittedBy, item.lastChangedBy] : action === 'reinstate' ? [item.statusChangedBy] : [];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * Refuses when the actor is one of the barred parties, or created the account of a barred agency admin or
 * auditor: such an account was never vetted by a second person, and its creator chose its password, so it
 * speaks for its creator. (A regulator account is vetted by a second regulator: see reviewOfNewAccount.)
 */
export function assertFourEyes(actorId: string, barred: readonly Party[]): void {
  const refusal = fourEyesRefusal(actorId, barred);
  if (refusal) throw refusal;
}

/** What assertFourEyes would throw, or null: lets a queue say in advance which items the actor may not approve. */
export function fourEyesRefusal(actorId: string, barred: readonly Party[]): DomainError | null {
  for (const party of barred) {
    if (party.id === actorId) {
      return new DomainError('FOUR_EYES_REQUIRED', 'You submitted, changed or suspended this item; another regulator must decide on it');
    }
    if (party.role !== 'regulator' && party.createdBy === actorId) {
      return new DomainError(
        'FOUR_EYES_REQUIRED',
        'This item comes from an account you created; a regulator who did not create it must decide on it',
      );
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------------------------

/**
 * How a new account starts:
 * - `reviewed`: a regulator account is pending until a regulator other than its creator approves it;
 * - `bootstrap_pair`: on a fresh install (the creator is the only regulator account there has ever been) the
 *   one regulator may create one more, active at once, so that two people exist to review each other;
 * - `out_of_band`: the CLI on the server (whoever runs it can reach the database anyway), active, audited as such;
 * - `immediate`: agency admins and auditors, active at once (what they submit is reviewed; see assertFourEyes).
 */
export type AccountReview = 'reviewed' | 'bootstrap_pair' | 'out_of_band' | 'immediate';

export function reviewOfNewAccount(role: UserRole, regulatorAccounts: number, outOfBand: boolean): AccountReview {
  if (outOfBand) return 'out_of_band';
  if (role !== 'regulator') return 'immediate';
  return regulatorAccounts <= 1 ? 'bootstrap_pair' : 'reviewed';
}

export function initialAccountStatus(review: AccountReview): AccountStatus {
  return review === 'reviewed' ? 'pending' : 'active';
}

/**
 * An edit of an account: whatever would leave an active regulator who was not one before (a promotion, or a
 * disabled regulator enabled again) waits, as `pending`, for a regulator other than the one who made it; every
 * other change (a demotion, disabling, an agency admin's organization) applies at once.
 */
export function reviewOfAccountChange(
  before: { role: UserRole; status: AccountStatus },
  after: { role: UserRole; status: AccountStatus },
): 'reviewed' | 'immediate' {
  const becomesRegulator = after.role === 'regulator' && after.status === 'active';
  const wasRegulator = before.role === 'regulator' && before.status === 'active';
  return becomesRegulator && !wasRegulator ? 'reviewed' : 'immediate';
}
