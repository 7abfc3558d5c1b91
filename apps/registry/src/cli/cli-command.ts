import { CommandRunner } from 'nest-commander';
import { isDomainError } from '@app/domain';
import { ActingRegulator } from './acting-regulator';
import { CliIo } from './cli-io';

/** Exit codes: 0 done, 1 failure (or a check that did not pass), 2 a rule refused the request (DomainError). */
export abstract class CliCommand<O> extends CommandRunner {
  constructor(protected readonly io: CliIo) {
    super();
  }

  protected abstract execute(options: O): Promise<void>;

  async run(_params: string[], options?: Record<string, unknown>): Promise<void> {
    try {
      await this.execute((options ?? {}) as O);
    } catch (err) {
      // Handled here rather than by nest-commander so the same mapping applies in main.ts and in tests.
      if (isDomainError(err)) {
        this.io.err(`${err.code}: ${err.message}`);
        this.io.fail(2);
      } else {
        this.io.err(`Error: ${(err as Error)?.message ?? String(err)}`);
        this.io.fail(1);
      }
    }
  }
}

/** A command that changes the registry, as the CLI's system actor `cli:<os-user>`. */
export abstract class ActingCommand<O> extends CliCommand<O> {
  constructor(
    io: CliIo,
    protected readonly acting: ActingRegulator,
  ) {
    super(io);
  }
}
