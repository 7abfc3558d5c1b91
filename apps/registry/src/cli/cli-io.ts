import { Injectable } from '@nestjs/common';

/**
 * Where commands write and how they fail. Injected (not process.* directly) so the e2e test can capture
 * output and read the exit code without touching the jest process's own exit code.
 */
@Injectable()
export class CliIo {
  exitCode = 0;

  out(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    process.stderr.write(`${line}\n`);
  }

  fail(code: number): void {
    this.exitCode = Math.max(this.exitCode, code);
  }
}
