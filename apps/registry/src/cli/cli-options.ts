import type { LogLevel } from '@nestjs/common';
import type { CommanderOptionsType } from 'nest-commander';

type CliOptions = CommanderOptionsType & { logger: LogLevel[] };

/**
 * Options shared by main.ts and the e2e test. Commander would call process.exit on --help or a bad flag,
 * skipping the shutdown that closes the database; overriding it turns those into an exit code instead.
 */
export function cliOptions(): { options: CliOptions; commanderExitCode: () => number | undefined } {
  let exitCode: number | undefined;
  const options: CliOptions = {
    cliName: 'registry-cli',
    // Errors only, to stderr: stdout carries command output (a carrier key, a summary) for scripts.
    logger: ['error'],
    // Throw instead of process.abort() when boot fails (bad config, database unreachable).
    abortOnError: false,
    errorHandler: (err: Error) => {
      exitCode = (err as Error & { exitCode?: number }).exitCode ?? 1;
      throw err;
    },
    // Commander already printed its message (a subcommand's bad flag arrives here, see CommanderExits); anything
    // else escaping a command is unexpected.
    serviceErrorHandler: (err: Error) => {
      const commander = err as Error & { code?: string; exitCode?: number };
      if (exitCode === undefined && commander.code?.startsWith('commander.')) exitCode = commander.exitCode ?? 1;
      if (exitCode === undefined) {
        process.stderr.write(`Error: ${err.message}\n`);
        exitCode = 1;
      }
    },
  };
  return { options, commanderExitCode: () => exitCode };
}
