import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';

/**
 * nest-commander sets its error handler on the root command only; a subcommand's bad flag (an unknown option,
 * a missing value) would then call process.exit itself, skipping the shutdown that closes the database (and
 * killing a test run that hosts the CLI in-process). Each subcommand gets the root's handling once they exist
 * (they are built in onModuleInit; the command line is parsed after bootstrap).
 */
@Injectable()
export class CommanderExits implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: Command) {}

  onApplicationBootstrap(): void {
    for (const command of this.program.commands) {
      command.exitOverride((err: Error) => {
        throw err;
      });
    }
  }
}
