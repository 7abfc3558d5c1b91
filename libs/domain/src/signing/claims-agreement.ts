import { LookupAnswer, PublishedDisplay, PublishedOrganization } from '../lookup-entry';
import { SyncEntry } from '../sync-entry';
import { EntryClaims } from './entry-claims';

/**
 * Whether a signed entry says what the unsigned fields beside it say: the first disagreement as a sentence, or
 * null. A verifier that accepted the signature but not this check would trust a line whose fields were altered.
 */
export function syncEntryDisagreement(entry: SyncEntry, claims: EntryClaims): string | null {
  if (claims.sub !== entry.number) return `sub ${claims.sub} is not the number ${entry.number}`;
  if (claims.dir !== entry.direction) return 'dir differs from direction';
  if (!sameList(claims.orig, entry.allowedOrigins)) return 'orig differs from allowedOrigins';
  if (
    !sameList(claims.norig ?? [], entry.narrowedOrigins ?? []) ||
    (claims.norig === undefined) !== (entry.narrowedOrigins === undefined)
  ) {
    return 'norig differs from narrowedOrigins';
  }
  if (claims.nbf !== seconds(entry.validFrom)) return 'nbf differs from validFrom';
  const ends = [seconds(entry.validTo), seconds(entry.labelExpiresAt)].filter((s): s is number => s !== undefined);
  if (claims.exp !== (ends.length ? Math.min(...ends) : undefined)) return 'exp differs from validTo / labelExpiresAt';
  const answer = entry.answerWhenValid ?? entry;
  // `unregistered` only from a clock (the validity not started, or just ended): the claims' nbf and exp say so.
  if (answer.status !== 'unregistered' && answer.status !== claims.status) return `status ${answer.status} differs from ${claims.status}`;
  return displayDisagreement(answer.display, answer.organization, claims);
}

/** The same for a lookup answer: a signed answer carries the JWS of the number's entry. */
export function answerDisagreement(answer: Pick<LookupAnswer, 'number' | 'status' | 'display' | 'organization'>, claims: EntryClaims) {
  if (claims.sub !== answer.number) return `sub ${claims.sub} is not the number ${answer.number}`;
  if (answer.status !== 'unregistered' && answer.status !== claims.status) return `status ${answer.status} differs from ${claims.status}`;
  return displayDisagreement(answer.display, answer.organization, claims);
}

function displayDisagreement(display: PublishedDisplay | null, org: PublishedOrganization | null, claims: EntryClaims): string | null {
  if (display) {
    if (display.label !== claims.lbl) return 'lbl differs from display.label';
    if (display.name !== claims.nam) return 'nam differs from display.name';
    if (display.nameAscii !== claims.nama) return 'nama differs from display.nameAscii';
    if (display.callReason !== claims.crn) return 'crn differs from display.callReason';
  }
  if (org && (org.code !== claims.org.code || org.name !== claims.org.name)) return 'org differs from organization';
  return null;
}

const seconds = (iso: string | null): number | undefined => (iso === null ? undefined : Math.floor(Date.parse(iso) / 1000));

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
