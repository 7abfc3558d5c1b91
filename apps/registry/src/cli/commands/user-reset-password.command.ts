import { InjectDataSource } from '@nestjs/typeorm';
import { Command, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { UsersRepository } from '../../users/users.repository';
import { UsersService } from '../../users/users.service';
import { ActingRegulator } from '../acting-regulator';
import { ActingCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  username: string;
}

/** The out-of-band reset, for any account including a regulator's (which the API never resets). */
@Command({ name: 'user:reset-password', description: 'Reset a password: a one-time password, printed once, to change at next sign-in' })
export class UserResetPasswordCommand extends ActingCommand<Options> {
  constructor(
    io: CliIo,
    acting: ActingRegulator,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly userRows: UsersRepository,
  ) {
    super(io, acting);
  }

  protected async execute(o: Options): Promise<void> {
    const user = await this.userRows.byUsername(this.dataSource.manager, o.username ?? '');
    if (!user) throw new DomainError('NOT_FOUND', `No user ${o.username}`);
    const reset = await this.users.resetPassword(this.acting.context(), user.id, { via: 'cli' });
    this.io.out(`Reset the password of ${reset.user.username}; it must be changed at the next sign-in`);
    this.io.out(`One-time password (shown once): ${reset.oneTimePassword}`);
  }

  @Option({ flags: '--username <username>', required: true })
  parseUsername(value: string): string {
    return value;
  }
}
