import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A port for a service a test starts. Each jest worker takes ports from its own range below the kernel's ephemeral
 * range (20000 + 1000 per worker), in turn: asking the kernel for port 0 could hand two workers the same port a
 * moment apart, and a test would then find another test's service answering on "its" port.
 */
let nextPort = 0;
export async function freePort(): Promise<number> {
  const base = 20_000 + (Number(process.env.JEST_WORKER_ID ?? 0) % 10) * 1000;
  for (let tries = 0; tries < 1000; tries++) {
    const port = base + (nextPort++ % 1000);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${base}-${base + 999}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A built service (`dist/`, from `npm run build`) running as its own process, its output captured. */
export class ServiceProcess {
  readonly output: string[] = [];
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly proc: ChildProcess) {
    proc.stdout?.on('data', (d: Buffer) => this.output.push(...d.toString().split('\n').filter(Boolean)));
    proc.stderr?.on('data', (d: Buffer) => this.output.push(...d.toString().split('\n').filter(Boolean)));
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(app: 'registry' | 'lookup', env: Record<string, string>): ServiceProcess {
    const main = join(__dirname, '..', '..', 'dist', 'apps', app, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
    return new ServiceProcess(spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Polls `url` until it answers 200. */
  async ready(url: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      if (this.proc.exitCode !== null) throw new Error(`exited early:\n${this.output.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`not ready in ${timeoutMs} ms:\n${this.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Where its Prometheus metrics are (tests run services with METRICS_PORT=0, see database-environment.js): read
   * from the line it logs once listening.
   */
  async metricsUrl(timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.output) {
        const port = /Prometheus metrics on http:\/\/\S+?:(\d+)\/metrics/.exec(line)?.[1];
        if (port) return `http://127.0.0.1:${port}/metrics`;
      }
      if (this.proc.exitCode !== null) throw new Error(`exited early:\n${this.output.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`no metrics listener in ${timeoutMs} ms:\n${this.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** JSON log lines written so far. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- log lines are free-form JSON that tests dig into
  jsonLines(): Array<Record<string, any>> {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
  }

  /** How it ended: Nest re-raises SIGTERM after its shutdown hooks, so a clean stop ends by that signal. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.proc.exitCode === null) this.proc.kill(signal);
    return this.exited;
  }

  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }
}
