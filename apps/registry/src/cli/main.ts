import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CARRIER_COMMANDS, CarrierCliModule, CliModule } from './cli.module';
import { CliIo } from './cli-io';
import { cliOptions } from './cli-options';

/** `node dist/apps/registry/src/cli/main.js <command>`: admin tasks on the registry database, no HTTP listener. */
async function main(): Promise<void> {
  const { options, commanderExitCode } = cliOptions();
  const module = CARRIER_COMMANDS.includes(process.argv[2]) ? CarrierCliModule : CliModule;
  const app = await CommandFactory.runWithoutClosing(module, options);
  const code = commanderExitCode() ?? app.get(CliIo).exitCode;
  // Closing releases the pool and, in embedded mode, the data directory lock this process may own.
  await app.close();
  process.exitCode = code;
}

main().catch((err: Error) => {
  console.error(`Error: ${err.message}`);
  process.exitCode = 1;
});
