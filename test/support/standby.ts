import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const BASEBACKUP = ['/usr/bin/pg_basebackup', join(PG_BIN, 'pg_basebackup')].find((p) => existsSync(p));
const PG_CTL = join(PG_BIN, 'pg_ctl');

/**
 * Why a standby cannot be built here, or null when it can: it needs the machine's PostgreSQL server (not the
 * embedded one), pg_basebackup and pg_ctl.
 */
export function standbyUnavailable(): string | null {
  if (process.env.TEST_DATABASE_KIND !== 'server') return 'the e2e database is the embedded PostgreSQL (the server pass runs this suite)';
  if (!BASEBACKUP) return 'pg_basebackup is not installed';
  if (!existsSync(PG_CTL)) return `${PG_CTL} is missing (set PG_BIN)`;
  return null;
}

/**
 * A hot standby of the e2e primary on this machine: `pg_basebackup -R` into a temporary data directory, started by
 * pg_ctl on a free port as the postgres OS user (PostgreSQL refuses to run as root). The primary must accept
 * replication connections from 127.0.0.1 (.ci/run adds that pg_hba line).
 */
export class Standby {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly primary: URL,
  ) {}

  static async create(primaryUrl: string): Promise<Standby> {
    const primary = new URL(primaryUrl);
    const dir = mkdtempSync(join(tmpdir(), 'vbr-standby-'));
    const standby = new Standby(dir, await freePort(), primary);
    try {
      await standby.init();
    } catch (err) {
      await standby.destroy();
      throw err;
    }
    return standby;
  }

  private async init(): Promise<void> {
    const { dir, primary } = this;
    if (process.getuid?.() === 0) chownSync(dir, ...postgresIds());
    await this.run(BASEBACKUP!, [
      '-h',
      primary.hostname,
      '-p',
      primary.port || '5432',
      '-U',
      decodeURIComponent(primary.username || 'postgres'),
      '-D',
      join(dir, 'data'),
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
    ]);
    // A Debian cluster keeps its configuration in /etc, so the copy has none: the standby gets its own.
    this.writeOwned('postgresql.conf', [
      `port = ${this.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'shared_buffers = 32MB', // max_connections and the like must be at least the primary's: defaults
      'wal_receiver_status_interval = 1s',
      'hot_standby_feedback = on',
      '',
    ]);
    this.writeOwned('pg_ident.conf', ['']);
    this.writeOwned('pg_hba.conf', [
      'local all all trust',
      'host all all 127.0.0.1/32 trust',
      'host replication all 127.0.0.1/32 trust',
      '',
    ]);
    await this.start();
  }

  /** The same database as `url` (the primary's), on the standby. */
  url(database = this.primary.pathname.slice(1)): string {
    return `postgresql://${this.primary.username || 'postgres'}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const log = join(this.dir, 'server.log');
    await this.run(PG_CTL, ['-D', join(this.dir, 'data'), '-l', log, '-w', '-t', '60', 'start']).catch((err: Error) => {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no log)';
      throw new Error(`${err.message}\n${tail}`);
    });
  }

  async stop(): Promise<void> {
    await this.run(PG_CTL, ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  /** Ends recovery: the standby becomes a primary that accepts writes. */
  async promote(): Promise<void> {
    await this.run(PG_CTL, ['-D', join(this.dir, 'data'), '-w', 'promote']);
  }

  async destroy(): Promise<void> {
    try {
      await this.run(PG_CTL, ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeOwned(name: string, lines: string[]): void {
    const path = join(this.dir, 'data', name);
    writeFileSync(path, lines.join('\n'));
    if (process.getuid?.() === 0) chownSync(path, ...postgresIds());
  }

  /** As the postgres OS user when this process is root; asynchronous, so load running meanwhile is not paused. */
  private async run(bin: string, args: string[]): Promise<void> {
    const asRoot = process.getuid?.() === 0 && userInfo().username !== 'postgres';
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    await promisify(execFile)(cmd, argv, { cwd: this.dir, timeout: 120_000 });
  }
}

function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return [id('-u'), id('-g')];
}
