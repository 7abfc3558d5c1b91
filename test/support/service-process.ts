import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
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
