import { CompiledEntry, LookupEntry, resolveLookup } from './lookup-entry';
import { LookupIndex } from './lookup-index';
import { entryStartsAt, hasEnded } from './publication-time';
import { SnapshotClaims } from './signing/entry-claims';
import { SnapshotDigest, trailerLine } from './signing/snapshot-digest';
import type { PublishedProtectedName } from './protected-names/published-protected-name';
import type { SignedProtectedName } from './screening/published-names';

/**
 * A protected name as carriers get it (GET /v1/sync/protected-names, the snapshot header's `protectedNames`, a
 * change's `protectedNames`): the published entry, the registry version that published it and its JWS
 * (typ vbr-protected-name+jwt, payload protectedNameClaims(entry, version, iat)).
 */
export interface SyncProtectedName extends PublishedProtectedName {
  version: number;
  jws: string;
}

export function toSyncProtectedName(row: SignedProtectedName): SyncProtectedName {
  return { ...row.entry, version: row.version, jws: row.jws };
}

/** A lookup's answer without origin. */
export interface SyncAnswer {
  status: string;
  verdict: string;
  display: LookupEntry['display'];
  organization: LookupEntry['organization'];
}

/**
 * A number as carriers keep it. `status`, `verdict`, `display` and `organization` are the answer to a lookup
 * without origin when the entry was published (the snapshot's time, or the change's): a copy that uses them as
 * they are stays right, since the registry publishes again when time changes the answer (validity start: a
 * touch; end: a removal). A copy that applies time itself answers, at time t:
 * - `unregistered` / `none` when t < validFrom or t ≥ validTo;
 * - else `answerWhenValid` (present only while the validity has not started) or the published answer,
 *   except `unregistered` / `none` from labelExpiresAt on when that answer's status is `active`;
 * - and `block` for an origin outside allowedOrigins (empty: every domestic carrier, never INTERNATIONAL);
 * - and `none` for an origin inside allowedOrigins but outside `narrowedOrigins`, when present (a narrowing that
 *   waits for a second person: not branded, not declined).
 */
export interface SyncEntry extends SyncAnswer {
  number: string;
  direction: LookupEntry['direction'];
  allowedOrigins: string[];
  narrowedOrigins?: string[];
  validFrom: string | null;
  validTo: string | null;
  labelExpiresAt: string | null;
  answerWhenValid?: SyncAnswer;
}

/**
 * The sync form of an entry published at `now`, or null once it has ended (it answers `unregistered` for good).
 * An entry whose validity starts later is included, answering `unregistered` until then: a copy that applies
 * time brands it at validFrom, and the registry publishes it again then for a copy that does not.
 */
export function toSyncEntry(compiled: CompiledEntry, now: number): SyncEntry | null {
  const { entry } = compiled;
  if (hasEnded(entry, now)) return null;
  const startsAt = entryStartsAt(entry);
  const later = startsAt !== null && startsAt > now ? answerOf(compiled, startsAt) : undefined;
  return {
    number: entry.number,
    ...answerOf(compiled, now),
    direction: entry.direction,
    allowedOrigins: entry.allowedOrigins,
    ...(entry.narrowedOrigins ? { narrowedOrigins: entry.narrowedOrigins } : {}),
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    labelExpiresAt: entry.labelExpiresAt,
    ...(later ? { answerWhenValid: later } : {}),
  };
}

function answerOf(compiled: CompiledEntry, at: number): SyncAnswer {
  const { status, verdict, display, organization } = resolveLookup(compiled.entry.number, compiled, at);
  return { status, verdict, display, organization };
}

/** A carrier copy's answer at `now` from a sync entry, applying time as documented on SyncEntry (no origin). */
export function answerFromSyncEntry(entry: SyncEntry, now: number): SyncAnswer {
  const unregistered: SyncAnswer = { status: 'unregistered', verdict: 'none', display: null, organization: null };
  if (entry.validFrom && now < Date.parse(entry.validFrom)) return unregistered;
  if (entry.validTo && now >= Date.parse(entry.validTo)) return unregistered;
  const { status, verdict, display, organization } = entry.answerWhenValid ?? entry;
  if (status === 'active' && entry.labelExpiresAt && now >= Date.parse(entry.labelExpiresAt)) return unregistered;
  return { status, verdict, display, organization };
}

/**
 * The NDJSON snapshot of an index at `now`: a `{registryVersion, count, protectedNames?}` line, then one line per
 * number that has not ended (with its `jws`), in chunks of 1000 lines. The index's entries (and `names()`, the
 * protected names, taken at the same moment) are taken at the first call (their references: compiled entries are
 * replaced, never changed), so the lines are one state of the index while only one chunk of text exists at a time.
 * Protected names ride in the header, not as lines: a number-only client reads the header's registryVersion and
 * count and ignores the field, `count` stays the number of entry lines, and the trailer's sha256 covers the header
 * bytes, so the names are under the trailer's signature as well as their own.
 */
export function* snapshotChunks(index: LookupIndex, now: number, names?: () => SignedProtectedName[]): Generator<string> {
  const live = [...index.values()].filter((compiled) => !hasEnded(compiled.entry, now));
  const version = index.version;
  const header = names
    ? { registryVersion: version, count: live.length, protectedNames: names().map(toSyncProtectedName) }
    : { registryVersion: version, count: live.length };
  yield `${JSON.stringify(header)}\n`;
  for (let i = 0; i < live.length; i += 1000) {
    let text = '';
    for (const compiled of live.slice(i, i + 1000)) text += `${JSON.stringify({ ...toSyncEntry(compiled, now), jws: compiled.jws })}\n`;
    yield text;
  }
}

/**
 * snapshotChunks, then the trailer `{registryVersion, count, sha256, jws}`: the SHA-256 of every byte before it,
 * and `sign`'s JWS of those three (only the registry holds the key, so `sign` may wait for it).
 */
export async function* signedSnapshotChunks(
  index: LookupIndex,
  now: number,
  sign: (claims: SnapshotClaims) => Promise<string>,
  names?: () => SignedProtectedName[],
): AsyncGenerator<string> {
  const digest = new SnapshotDigest();
  let header: { registryVersion: number; count: number } | undefined;
  for (const chunk of snapshotChunks(index, now, names)) {
    header ??= JSON.parse(chunk) as { registryVersion: number; count: number };
    digest.update(chunk);
    yield chunk;
  }
  const claims = digest.claims(header!.registryVersion, header!.count);
  yield trailerLine(claims, await sign(claims));
}
