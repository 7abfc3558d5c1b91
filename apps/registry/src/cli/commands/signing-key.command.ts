import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { SigningKeysService } from '../../signing/signing-keys.service';
import { ActingRegulator } from '../acting-regulator';
import { ActingCommand } from '../cli-command';
import { CliIo } from '../cli-io';

@SubCommand({
  name: 'rotate',
  description: 'Add a new signing key and sign new publications with it; the registry re-signs older entries in the background',
})
export class SigningKeyRotateCommand extends ActingCommand<Record<string, never>> {
  constructor(
    io: CliIo,
    acting: ActingRegulator,
    private readonly keys: SigningKeysService,
  ) {
    super(io, acting);
  }

  protected async execute(): Promise<void> {
    const ctx = this.acting.context();
    const { kid, previousKid } = await this.keys.rotate(ctx);
    this.io.out(`Signing with the new key ${kid}`);
    if (previousKid) {
      this.io.out(`Key ${previousKid} stays in the JWKS until the registry has re-signed every entry it signed (in the background)`);
    }
  }
}

@Command({ name: 'signing-key', description: 'Manage the registry signing keys', subCommands: [SigningKeyRotateCommand] })
export class SigningKeyCommand extends CommandRunner {
  constructor(private readonly io: CliIo) {
    super();
  }

  async run(): Promise<void> {
    this.io.err('Usage: signing-key rotate');
    this.io.fail(1);
  }
}
