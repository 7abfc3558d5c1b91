import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { JSONWebKeySet } from 'jose';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CopyChange, CopyNameChange } from '@app/domain';

export interface ChangesPage {
  fromVersion: number;
  toVersion: number;
  hasMore: boolean;
  changes: CopyChange[];
  /** Protected names' changes in the same range (absent from a lookup that predates them). */
  protectedNames?: CopyNameChange[];
}

/** What the lookup answered instead of a page: a snapshot is needed (410 SNAPSHOT_REQUIRED, 409 CURSOR_AHEAD). */
export class SnapshotRequired extends Error {}

/** The carrier side of the sync contract (/v1/sync/*, /.well-known/jwks.json), over fetch. */
export class SyncClient {
  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  async jwks(): Promise<JSONWebKeySet> {
    const res = await fetch(new URL('/.well-known/jwks.json', this.base));
    if (!res.ok) throw new Error(`GET /.well-known/jwks.json: ${res.status}`);
    return (await res.json()) as JSONWebKeySet;
  }

  /** Streams the snapshot to `file` (a million lines never sit in memory as one string). */
  async snapshotTo(file: string): Promise<void> {
    const res = await fetch(new URL('/v1/sync/snapshot', this.base), { headers: this.headers() });
    if (!res.ok || !res.body) throw new Error(`GET /v1/sync/snapshot: ${res.status} ${await res.text()}`);
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(file));
  }

  async changes(since: number, limit = 10_000): Promise<ChangesPage> {
    const url = new URL('/v1/sync/changes', this.base);
    url.searchParams.set('since', String(since));
    url.searchParams.set('limit', String(limit));
    const res = await fetch(url, { headers: this.headers() });
    if (res.status === 410 || res.status === 409) throw new SnapshotRequired(`${res.status} ${await res.text()}`);
    if (!res.ok) throw new Error(`GET /v1/sync/changes: ${res.status} ${await res.text()}`);
    return (await res.json()) as ChangesPage;
  }

  private headers() {
    return { 'X-Api-Key': this.key };
  }
}
