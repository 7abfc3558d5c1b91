import { Command, Option, SubCommand } from 'nest-commander';
import { tryParsePhoneNumber } from '@app/domain';
import { CarrierSync } from '../carrier-sync/carrier-sync';
import { CopyStore } from '../carrier-sync/copy-store';
import { SyncClient } from '../carrier-sync/sync-client';
import { SyncRefused, TRUSTED_FILE } from '../carrier-sync/trusted-keys';
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
  jwks?: string;
  pinKid?: string[];
  acceptKid?: string[];
}

/**
 * A carrier's reference local copy: snapshot, then /v1/sync/changes every --every ms, kept in one file in --out that
 * survives restarts; every signature verified against pinned keys or keys trusted on first use. Needs no database.
 * Exit codes: 0 done, 1 a failure (network, usage), 3 no trusted key (JWKS missing, empty, unreadable, or data signed
 * by a key not trusted), 4 a snapshot or change failed verification. 3 and 4 stop even when following: never retried.
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
    try {
      await this.follow(o);
    } catch (err) {
      if (!(err instanceof SyncRefused)) throw err;
      this.io.err(`REFUSED: ${err.message}`);
      this.io.fail(err.exitCode);
    }
  }

  private async follow(o: SyncOptions): Promise<void> {
    const trust = { jwks: o.jwks, pinKid: o.pinKid, acceptKid: o.acceptKid };
    const sync = new CarrierSync(new CopyStore(o.out), new SyncClient(o.lookup, o.key), trust, (line) => this.io.err(line));
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
          // Following forever: a lookup restart or a network blip is retried; a single run reports it. A refusal is
          // not retried: the same answer would fail again, and it needs the operator.
          if (o.once || err instanceof SyncRefused) throw err;
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

  @Option({
    flags: '--jwks <file>',
    description: "pin the registry's keys: only this JWKS file's keys are trusted (the lookup's JWKS is not read)",
  })
  parseJwks(value: string): string {
    return value;
  }

  @Option({ flags: '--pin-kid <kid>', description: 'trust only the key with this kid (RFC 7638 thumbprint); repeat for several' })
  parsePinKid(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({
    flags: '--accept-kid <kid>',
    description: `without --jwks/--pin-kid: add this key the lookup serves to --out's ${TRUSTED_FILE}, after checking it out of band`,
  })
  parseAcceptKid(value: string, previous: string[] = []): string[] {
    return [...previous, value];
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
