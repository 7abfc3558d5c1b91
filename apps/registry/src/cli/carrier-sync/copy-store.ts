import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CarrierCopy,
  changeRecords,
  CopyChange,
  copyName,
  CopyNameChange,
  CopyProtectedName,
  entryRecord,
  headerRecord,
  replayRecords,
  splitLines,
  SyncEntry,
  SyncProtectedName,
} from '@app/domain';

const FILE = 'carrier-copy.ndjson';

/**
 * The copy's one file in DIR (format: libs/domain copy-records.ts). A snapshot or a compaction writes a new file and
 * renames it over the old one (atomic), so a crash leaves either the old copy or the new one; changes are appended
 * and flushed before the cursor moves on.
 */
export class CopyStore {
  readonly copy = new CarrierCopy();

  constructor(readonly dir: string) {}

  get path(): string {
    return join(this.dir, FILE);
  }

  /**
   * Loads the copy kept in DIR; false when there is none yet, or it was made before protected names were published
   * (a snapshot brings them). Compacts it when changes outnumber the entries.
   */
  async open(): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    if (!existsSync(this.path)) return false;
    const { changeLines, hasNames } = replayRecords(await readFile(this.path, 'utf8'), this.copy);
    if (!hasNames) return false;
    if (changeLines > Math.max(10_000, this.copy.size)) {
      await this.rewrite(this.copy.version, [...this.copy.values()], this.copy.protectedNames());
    }
    return true;
  }

  /** Replaces the copy with a snapshot's entries (streamed from a verified file, never all in one string). */
  async replaceFromSnapshot(snapshotFile: string): Promise<void> {
    const entries: SyncEntry[] = [];
    let header: { registryVersion: number; protectedNames?: SyncProtectedName[] } | undefined;
    for await (const bytes of splitLines(createReadStream(snapshotFile))) {
      const line = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      if (!header) header = line as { registryVersion: number; protectedNames?: SyncProtectedName[] };
      else if (typeof line.sha256 !== 'string') entries.push(withoutJws(line as unknown as SyncEntry & { jws?: unknown }));
    }
    if (!header) throw new Error('empty snapshot');
    const names = (header.protectedNames ?? []).map((n) => copyName(n, n.version));
    await this.rewrite(header.registryVersion, entries, names);
  }

  /** Appends a page of changes, numbers' and protected names' (flushed), then applies it. */
  async append(changes: CopyChange[], toVersion: number, nameChanges: CopyNameChange[] = []): Promise<void> {
    const fresh = changes.filter((c) => c.version > this.copy.version).map((c) => ({ ...c, entry: c.entry && withoutJws(c.entry) }));
    const freshNames = nameChanges
      .filter((c) => c.version > this.copy.version)
      .map((c) => ({ ...c, entry: c.entry && copyName(c.entry, c.version) }));
    if (fresh.length === 0 && freshNames.length === 0 && toVersion <= this.copy.version) return;
    const file = await open(this.path, 'a');
    try {
      await file.appendFile(changeRecords(fresh, toVersion, freshNames));
      await file.sync();
    } finally {
      await file.close();
    }
    this.copy.apply(fresh, freshNames);
    this.copy.advanceTo(toVersion);
  }

  private async rewrite(registryVersion: number, entries: SyncEntry[], names: CopyProtectedName[]): Promise<void> {
    const tmp = `${this.path}.tmp`;
    await rm(tmp, { force: true });
    await appendFile(tmp, headerRecord(registryVersion, entries.length, names));
    for (let i = 0; i < entries.length; i += 1000)
      await appendFile(
        tmp,
        entries
          .slice(i, i + 1000)
          .map(entryRecord)
          .join(''),
      );
    const file = await open(tmp, 'r+');
    await file.sync();
    await file.close();
    await rename(tmp, this.path);
    this.copy.reset(registryVersion, entries, names);
  }
}

/** Signatures are checked on the way in (CarrierSync) and not kept: they would double the copy's size and memory. */
function withoutJws<T extends { jws?: unknown }>(entry: T): Omit<T, 'jws'> {
  const { jws: _jws, ...rest } = entry;
  return rest;
}
