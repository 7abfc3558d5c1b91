import { userInfo } from 'node:os';
import { CommandTestFactory } from 'nest-commander-testing';
import { CarrierCliModule, CliModule } from '../../apps/registry/src/cli/cli.module';
import { CliIo } from '../../apps/registry/src/cli/cli-io';
import { cliOptions } from '../../apps/registry/src/cli/cli-options';

/** The CLI's system actor in these tests: whoever runs jest. */
export const CLI_ACTOR = `cli:${userInfo().username}`;

class RecordingIo extends CliIo {
  stdout: string[] = [];
  stderr: string[] = [];
  override out(line: string): void {
    this.stdout.push(line);
  }
  override err(line: string): void {
    this.stderr.push(line);
  }
}

/** Runs one admin CLI command in-process against the test database (DATABASE_URL), as `npm run cli` would. */
export function cli(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  return runIn(CliModule, args);
}

/** Runs one carrier command (verify-snapshot, carrier-sync) in-process, without the database, as main.ts picks them. */
export function carrierCli(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  return runIn(CarrierCliModule, args);
}

async function runIn(module: typeof CliModule | typeof CarrierCliModule, args: string[]) {
  const io = new RecordingIo();
  const { options, commanderExitCode } = cliOptions();
  // A fresh app per run: commander keeps parsed option values on its command objects.
  const app = await CommandTestFactory.createTestingCommand({ imports: [module] }, options)
    .overrideProvider(CliIo)
    .useValue(io)
    .compile();
  await CommandTestFactory.run(app, args);
  return { code: commanderExitCode() ?? io.exitCode, stdout: io.stdout, stderr: io.stderr };
}
