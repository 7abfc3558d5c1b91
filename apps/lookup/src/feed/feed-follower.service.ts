import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FeedChange, LookupEntry, LookupIndex, ProtectedNameChange, PublishedNames, PublishedProtectedName } from '@app/domain';
import { DatabaseConnection, isInRecovery, standbyReplayLagSeconds, useBulkBounds } from '@app/database';
import { PeriodicJob } from '@app/platform';
import { CarrierDirectory } from './carrier-directory';
import { CarrierKeysRepository } from './carrier-keys.repository';
import { FeedChangeRow, FeedRepository } from './feed.repository';
import { LookupPresence } from './lookup-presence';
import { OrganizationKinds } from './organization-kinds';

const POLL_MS = 250;
const BATCH = 5_000;
const CHANNEL = 'registry_changes';
/** Organizations' kinds are read again at least this often (a kind edit publishes nothing). */
const KINDS_EVERY_MS = 5_000;

/**
 * Keeps the in-memory index current: a snapshot of published_numbers (and published_protected_names, and the
 * organizations' kinds for screening) at start-up, then the change feed, whose rows are numbers' changes or
 * protected names' (e164 null), applied in version order.
 * Polling by version is the safety net (a missed notification only delays a change by POLL_MS); on a server,
 * LISTEN/NOTIFY wakes the poller at once. When the database goes away the index keeps answering, the
 * staleness grows in /health/ready, and polling catches up by itself when the database returns.
 * On a hot standby (LOOKUP_DATABASE_URL) LISTEN is refused and NOTIFY never arrives: polling alone carries the
 * changes, and the standby's replay lag is added to the staleness.
 */
@Injectable()
export class FeedFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Feed');
  private readonly job = new PeriodicJob('Feed', POLL_MS, () => this.poll());
  private listener: Client | null = null;
  private stopped = false;
  lastSyncAt = 0;
  databaseUp = false;
  /** Whether the database read is a hot standby; checked again after each outage (it may have been promoted). */
  standby: boolean | null = null;
  replayLagSeconds = 0;
  private kindsAt = 0;

  constructor(
    readonly index: LookupIndex,
    private readonly carriers: CarrierDirectory,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connection: DatabaseConnection,
    private readonly feed: FeedRepository,
    private readonly carrierKeys: CarrierKeysRepository,
    private readonly presence: LookupPresence,
    private readonly names: PublishedNames,
    private readonly kinds: OrganizationKinds,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    await this.reload();
    this.logger.log(
      `Index loaded: ${this.index.size} numbers and ${this.names.size} protected names at version ${this.index.version} in ${Date.now() - started} ms`,
    );
    await this.presence.report(this.index.version);
    this.job.start();
    // Taking over the embedded database from a registry that died: catch up at once, not at the next tick.
    this.connection.embedded?.onTakeover(() => void this.job.runNow());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.job.stop();
    await this.listener?.end().catch(() => undefined);
    await this.presence.leave();
  }

  /** Seconds the index may be behind the primary: since it last confirmed it was current, plus a standby's replay lag. */
  get stalenessSeconds(): number {
    return this.lastSyncAt ? (Date.now() - this.lastSyncAt) / 1000 + this.replayLagSeconds : Infinity;
  }

  /** Reads the whole published registry in one snapshot transaction. */
  async reload(): Promise<void> {
    await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await useBulkBounds(em); // every published number: longer than a request's query may take
      const version = await this.feed.registryVersion(em);
      this.index.loadSigned(await this.feed.publishedEntries(em), version);
      this.names.load(await this.feed.publishedNames(em), await this.feed.lastNameChange(em));
      this.kinds.replace(await this.feed.organizationKinds(em));
      this.kindsAt = Date.now();
    });
    await this.refreshCarriers();
    await this.checkStandby();
    this.markSynced();
  }

  private async checkStandby(): Promise<void> {
    if (this.connection.embedded) {
      this.standby = false;
      return;
    }
    if (this.standby === null) {
      this.standby = await isInRecovery(this.dataSource);
      this.logger.log(this.standby ? 'Reading a hot standby: following the feed by polling' : 'Reading the primary');
    }
    this.replayLagSeconds = this.standby ? await standbyReplayLagSeconds(this.dataSource) : 0;
  }

  /** One catch-up round (never two at once: the job runs them): carriers and keys, then every change after the index's version. */
  private async poll(): Promise<void> {
    try {
      await this.refreshCarriers();
      for (;;) {
        const rows = await this.feed.changesAfter(this.dataSource.manager, this.index.version, BATCH);
        // Read after the rows: every organization a number of theirs brands for is already known.
        if (rows.length > 0 || Date.now() - this.kindsAt >= KINDS_EVERY_MS) await this.refreshKinds();
        // Names first: once the index's version moves past a name's change, the list holds it.
        this.names.apply(rows.filter((r) => r.e164 === null).map(nameChangeOf));
        const changes: FeedChange[] = rows.map((r) => ({
          version: Number(r.version),
          number: r.e164,
          op: r.op,
          entry: r.e164 === null ? null : (r.entry as LookupEntry | null),
          jws: r.jws,
        }));
        if (!this.index.apply(changes)) {
          this.logger.warn(`Gap in the change feed after version ${this.index.version}; reloading the snapshot`);
          await this.reload();
        }
        if (rows.length === 0 && (await this.registryBehindIndex())) {
          this.logger.warn(`The registry is at a version below the index's ${this.index.version} (restored?); reloading the snapshot`);
          await this.reload();
        }
        if (rows.length < BATCH) break;
      }
      await this.checkStandby();
      this.markSynced();
      // After the index holds the changes: the registry may then acknowledge a removal it waits on.
      await this.presence.report(this.index.version);
      await this.ensureListener();
    } catch (err) {
      if (this.databaseUp) this.logger.warn(`Database unreachable, answering from the index: ${(err as Error).message}`);
      this.databaseUp = false;
      this.standby = null;
    }
  }

  /** After a restore the registry's version can be below the index's: no change would ever arrive again. */
  private async registryBehindIndex(): Promise<boolean> {
    return (await this.feed.registryVersion(this.dataSource.manager)) < this.index.version;
  }

  private markSynced(): void {
    if (!this.databaseUp && this.lastSyncAt) this.logger.log(`Database back; index at version ${this.index.version}`);
    this.databaseUp = true;
    this.lastSyncAt = Date.now();
  }

  private async refreshKinds(): Promise<void> {
    this.kinds.replace(await this.feed.organizationKinds(this.dataSource.manager));
    this.kindsAt = Date.now();
  }

  private async refreshCarriers(): Promise<void> {
    const keys = await this.carrierKeys.unrevokedKeys(this.dataSource.manager);
    this.carriers.replace(keys, await this.carrierKeys.carrierCodes(this.dataSource.manager));
  }

  /**
   * On a server, LISTEN for the registry's NOTIFY (the embedded database does not deliver it across connections,
   * and a standby refuses LISTEN).
   */
  private async ensureListener(): Promise<void> {
    if (this.listener || this.connection.embedded || this.standby !== false || this.stopped) return;
    const client = new Client({ connectionString: this.connection.url });
    this.listener = client;
    client.on('error', () => {
      this.listener = null;
      client.end().catch(() => undefined);
    });
    // A burst of notifications during a round costs one more round.
    client.on('notification', () => void this.job.runNow());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      this.listener = null;
      await client.end().catch(() => undefined);
    }
  }
}

function nameChangeOf(r: FeedChangeRow): ProtectedNameChange {
  const entry = r.op === 'upsert' ? (r.entry as PublishedProtectedName | null) : null;
  return { version: Number(r.version), id: r.protected_name_id!, op: entry ? 'upsert' : 'remove', entry, jws: entry ? r.jws : null };
}
