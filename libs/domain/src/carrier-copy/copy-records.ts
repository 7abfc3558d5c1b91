import { SyncEntry } from '../sync-entry';
import { CarrierCopy, CopyChange, CopyNameChange, CopyProtectedName } from './carrier-copy';

/**
 * The copy's one file, NDJSON, append-only between compactions:
 * - line 1: `{"format":"vbr-carrier-copy/1","registryVersion":N,"count":C,"protectedNames":[...]}`, then C entry
 *   lines `{"e":{...}}` (the snapshot, or the copy as it was when last compacted);
 * - then, as changes arrive: `{"v":version,"n":number,"e":entry|null}` per number's change,
 *   `{"v":version,"pn":id,"e":name|null}` per protected name's, and `{"at":version}` when a page advanced the cursor
 *   past its last change.
 * A header without `protectedNames` is a copy made before names were published: replay says so (hasNames false),
 * and the store loads a snapshot again rather than keep a copy without them.
 * A crash can only cut the last line short, so an unparseable last line is dropped on replay (it is fetched again).
 */
export const COPY_FORMAT = 'vbr-carrier-copy/1';

export function headerRecord(registryVersion: number, count: number, protectedNames: CopyProtectedName[] = []): string {
  return `${JSON.stringify({ format: COPY_FORMAT, registryVersion, count, protectedNames })}\n`;
}

export function entryRecord(entry: SyncEntry): string {
  return `${JSON.stringify({ e: entry })}\n`;
}

export function changeRecords(changes: CopyChange[], toVersion: number, nameChanges: CopyNameChange[] = []): string {
  const records = [
    ...changes.map((c) => ({ v: c.version, n: c.number, e: c.op === 'remove' ? null : c.entry })),
    ...nameChanges.map((c) => ({ v: c.version, pn: c.id, e: c.op === 'remove' ? null : c.entry })),
  ].sort((a, b) => a.v - b.v);
  let text = '';
  for (const r of records) text += `${JSON.stringify(r)}\n`;
  const last = records.length ? records[records.length - 1].v : -1;
  if (toVersion > last) text += `${JSON.stringify({ at: toVersion })}\n`;
  return text;
}

export class CopyFileError extends Error {}

/**
 * Rebuilds a copy from the file's text; returns how many change lines followed the base (to decide on compaction)
 * and whether the file keeps protected names (false: made before them).
 */
export function replayRecords(text: string, copy: CarrierCopy): { changeLines: number; hasNames: boolean } {
  const lines = text.split('\n');
  // Every record ends with a newline: the last piece is empty, or a record cut short by a crash (fetched again).
  lines.pop();
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CopyFileError(`line ${i + 1} is not JSON: the copy file is damaged (delete it to load a snapshot again)`);
    }
  });
  const header = parsed[0];
  if (!header || header.format !== COPY_FORMAT) throw new CopyFileError(`not a ${COPY_FORMAT} file`);
  const count = Number(header.count);
  if (parsed.length < 1 + count) throw new CopyFileError(`the base holds ${parsed.length - 1} of ${count} entries`);
  const hasNames = Array.isArray(header.protectedNames);
  copy.reset(
    Number(header.registryVersion),
    parsed.slice(1, 1 + count).map((r) => r.e as SyncEntry),
    hasNames ? (header.protectedNames as CopyProtectedName[]) : [],
  );
  const rest = parsed.slice(1 + count);
  for (const r of rest) {
    if (typeof r.at === 'number') copy.advanceTo(r.at);
    else if (typeof r.pn === 'string') {
      const entry = (r.e ?? null) as CopyNameChange['entry'];
      copy.apply([], [{ version: Number(r.v), id: r.pn, op: entry ? 'upsert' : 'remove', entry }]);
    } else {
      const entry = (r.e ?? null) as SyncEntry | null;
      copy.apply([{ version: Number(r.v), number: String(r.n), op: entry ? 'upsert' : 'remove', entry }]);
    }
  }
  return { changeLines: rest.length, hasNames };
}
