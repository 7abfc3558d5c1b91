import { CompiledEntry, LookupEntry, resolveLookup } from './lookup-entry';
import { LookupIndex } from './lookup-index';

/** A number as carriers keep it: the answer to a lookup without origin, plus what they need to apply time. */
export interface SyncEntry {
  number: string;
  status: string;
  verdict: string;
  display: LookupEntry['display'];
  organization: LookupEntry['organization'];
  direction: LookupEntry['direction'];
  allowedOrigins: string[];
  validFrom: string | null;
  validTo: string | null;
  labelExpiresAt: string | null;
}

/** The sync form of an entry at `now`, or null when it answers `unregistered` (not in a snapshot). */
export function toSyncEntry(compiled: CompiledEntry, now: number): SyncEntry | null {
  const { entry } = compiled;
  const answer = resolveLookup(entry.number, compiled, now);
  if (answer.status === 'unregistered') return null;
  return {
    number: entry.number,
    status: answer.status,
    verdict: answer.verdict,
    display: answer.display,
    organization: answer.organization,
    direction: entry.direction,
    allowedOrigins: entry.allowedOrigins,
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    labelExpiresAt: entry.labelExpiresAt,
  };
}

/**
 * The NDJSON snapshot of an index at `now`: a `{registryVersion, count}` line, then one line per number
 * not answering `unregistered`, in chunks so a million lines never become one string.
 */
export function* snapshotChunks(index: LookupIndex, now: number): Generator<string> {
  const lines: string[] = [];
  for (const compiled of index.values()) {
    const entry = toSyncEntry(compiled, now);
    if (entry) lines.push(JSON.stringify(entry));
  }
  yield `${JSON.stringify({ registryVersion: index.version, count: lines.length })}\n`;
  for (let i = 0; i < lines.length; i += 1000) yield `${lines.slice(i, i + 1000).join('\n')}\n`;
}
