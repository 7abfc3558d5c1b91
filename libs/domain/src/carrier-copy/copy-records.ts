import { SyncEntry } from '../sync-entry';
import { CarrierCopy, CopyChange } from './carrier-copy';

/**
 * The copy's one file, NDJSON, append-only between compactions:
 * - line 1: `{"format":"vbr-carrier-copy/1","registryVersion":N,"count":C}`, then C entry lines `{"e":{...}}`
 *   (the snapshot, or the copy as it was when last compacted);
 * - then, as changes arrive: `{"v":version,"n":number,"e":entry|null}` per change and `{"at":version}` when a
 *   page advanced the cursor past its last change.
 * A crash can only cut the last line short, so an unparseable last line is dropped on replay (it is fetched again).
 */
export const COPY_FORMAT = 'vbr-carrier-copy/1';

export function headerRecord(registryVersion: number, count: number): string {
  return `${JSON.stringify({ format: COPY_FORMAT, registryVersion, count })}\n`;
}

export function entryRecord(entry: SyncEntry): string {
  return `${JSON.stringify({ e: entry })}\n`;
}

export function changeRecords(changes: CopyChange[], toVersion: number): string {
  let text = '';
  for (const c of changes) text += `${JSON.stringify({ v: c.version, n: c.number, e: c.op === 'remove' ? null : c.entry })}\n`;
  const last = changes.length ? changes[changes.length - 1].version : -1;
  if (toVersion > last) text += `${JSON.stringify({ at: toVersion })}\n`;
  return text;
}

export class CopyFileError extends Error {}

/** Rebuilds a copy from the file's text; returns how many change lines followed the base (to decide on compaction). */
export function replayRecords(text: string, copy: CarrierCopy): { changeLines: number } {
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
  copy.reset(
    Number(header.registryVersion),
    parsed.slice(1, 1 + count).map((r) => r.e as SyncEntry),
  );
  const rest = parsed.slice(1 + count);
  for (const r of rest) {
    if (typeof r.at === 'number') copy.advanceTo(r.at);
    else {
      const entry = (r.e ?? null) as SyncEntry | null;
      copy.apply([{ version: Number(r.v), number: String(r.n), op: entry ? 'upsert' : 'remove', entry }]);
    }
  }
  return { changeLines: rest.length };
}
