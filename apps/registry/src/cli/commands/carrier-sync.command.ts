import { Command, Option, SubCommand } from 'nest-commander';
import { tryParsePhoneNumber } from '@app/domain';
import { CarrierSync } from '../carrier-sync/carrier-sync';
import { CopyStore } from '../carrier-sync/copy-store';
import { SyncClient } from '../carrier-sync/sync-client';
import { CliCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface LookupOptions {
  from: string;
  at?: string;
  numbers: string[];
}

/**
 * `carrier-sync lookup NUMBER... --from DIR`: one JSON answer per line from the copy in DIR, applying time as the
 * lookup does. (`--from`, not `--out`: commander gives a parent's option to the parent wherever it appears.)
 */
@SubCommand({ name: 'lookup', arguments: '<numbers...>', description: 'Answer numbers from the local copy (one JSON line each)' })
export class CarrierSyncLookupCommand extends CliCommand<LookupOptions> {
  constructor(io: CliIo) {
    super(io);
  }

  override async run(params: string[], options?: Record<string, unknown>): Promise<void> {
    return super.run(params, { ...options, numbers: params });
  }

  protected async execute(o: LookupOptions): Promise<void> {
    const store = new CopyStore(o.from);
    if (!(await store.open())) throw new Error(`no copy in ${o.from}: run carrier-sync --lookup URL --key KEY --out ${o.from} first`);
    const now = o.at ? Date.parse(o.at) : Date.now();
    if (Number.isNaN(now)) throw new Error('--at must be an ISO 8601 time');
    for (const input of o.numbers) {
      const parsed = tryParsePhoneNumber(input);
      if (!parsed) {
        this.io.out(JSON.stringify({ input, error: 'INVALID_NUMBER' }));
        this.io.fail(1);
        continue;
      }
      this.io.out(JSON.stringify({ ...store.copy.answer(parsed.e164, now), registryVersion: store.copy.version }));
    }
  }

  @Option({ flags: '--from <dir>', required: true, description: 'the directory carrier-sync --out keeps its copy in' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--at <iso-time>', description: 'answer as at this time (default: now)' })
  parseAt(value: string): string {
    return value;
  }
}

interface SyncOptions {
  lookup: string;
  key: string;
  out: string;
  once?: boolean;
  every: number;
}

/**
 * A carrier's reference local copy: snapshot (verified when the registry signs), then /v1/sync/changes every
 * --every ms, kept in one file in --out that survives restarts. Needs no database.
 */
@Command({
  name: 'carrier-sync',
  description: 'Keep a local copy of the registry from a lookup (snapshot + changes); `carrier-sync lookup NUMBER` answers from it',
  subCommands: [CarrierSyncLookupCommand],
})
export class CarrierSyncCommand extends CliCommand<SyncOptions> {
  private stopping = false;

  constructor(io: CliIo) {
    super(io);
  }

  protected async execute(o: SyncOptions): Promise<void> {
    if (!o.lookup || !o.key || !o.out) throw new Error('--lookup, --key and --out are required');
    const sync = new CarrierSync(new CopyStore(o.out), new SyncClient(o.lookup, o.key), (line) => this.io.err(line));
    await sync.start();
    const stop = () => (this.stopping = true);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      do {
        try {
          const applied = await sync.catchUp();
          if (applied || o.once) this.io.err(`Applied ${applied} changes`);
        } catch (err) {
          // Following forever: a lookup restart or a network blip is retried; a single run reports it.
          if (o.once) throw err;
          this.io.err(`Sync failed, retrying: ${(err as Error).message}`);
        }
        if (!o.once) await this.pause(o.every);
      } while (!o.once && !this.stopping);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  }

  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
  }

  @Option({ flags: '--lookup <url>', description: 'the lookup API, e.g. https://lookup.example.gov.vn' })
  parseLookup(value: string): string {
    return value;
  }

  @Option({ flags: '--key <key>', description: "the carrier's lookup API key" })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--out <dir>', description: 'where the copy is kept (one file, carrier-copy.ndjson)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--once', description: 'catch up once and exit (default: keep following)' })
  parseOnce(): boolean {
    return true;
  }

  @Option({ flags: '--every <ms>', description: 'pause between catch-ups when following', defaultValue: 1000 })
  parseEvery(value: string): number {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 100) throw new Error('--every must be an integer of at least 100 (ms)');
    return ms;
  }
}
