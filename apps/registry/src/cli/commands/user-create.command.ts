import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Command, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, USER_ROLES, UserRole } from '@app/domain';
import { OrganizationsRepository } from '../../organizations/organizations.repository';
import { CreateUserDto } from '../../users/dto/user.dto';
import { UsersService } from '../../users/users.service';
import { ActingRegulator } from '../acting-regulator';
import { ActingCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  username: string;
  role: UserRole;
  org?: string;
  password?: string;
}

@Command({ name: 'user:create', description: 'Create a user (password from --password, CLI_PASSWORD, or generated)' })
export class UserCreateCommand extends ActingCommand<Options> {
  constructor(
    io: CliIo,
    acting: ActingRegulator,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
  ) {
    super(io, acting);
  }

  protected async execute(o: Options): Promise<void> {
    // CLI_PASSWORD keeps the password out of `ps` and shell history; --password is for scripts that accept that.
    const given = o.password ?? process.env.CLI_PASSWORD;
    const password = given || randomBytes(18).toString('base64url');
    const dto = plainToInstance(CreateUserDto, {
      username: o.username,
      role: o.role,
      password,
      organizationId: o.org ? await this.organizationId(o.org) : undefined,
    });
    // The HTTP API validates DTOs in a pipe; the CLI bypasses it, so it runs the same rules here.
    const errors = validateSync(dto);
    if (errors.length) {
      const fields = errors.map((e) => ({ field: e.property, message: Object.values(e.constraints ?? {}).join('; ') }));
      throw new DomainError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join(', '), { fields });
    }
    // The CLI on the server: its operator controls the account; a regulator waits for review on a live registry.
    const user = await this.users.create(this.acting.context(), dto, { via: 'cli' });
    this.io.out(`Created ${user.role} ${user.username} (${user.id})`);
    if (!given) this.io.out(`Password (shown once): ${password}`);
  }

  private async organizationId(code: string): Promise<string> {
    const org = await this.organizations.byCode(this.dataSource.manager, code);
    if (!org) throw new DomainError('NOT_FOUND', `No organization ${code}`);
    return org.id;
  }

  @Option({ flags: '--username <username>', required: true })
  parseUsername(value: string): string {
    return value;
  }

  // Listed for --help; nest-commander's own parser bypasses commander's choice check, the DTO check enforces it.
  @Option({ flags: '--role <role>', required: true, choices: [...USER_ROLES] })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--org <code>', description: 'organization code (agency_admin only)' })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'visible in ps/history; prefer env CLI_PASSWORD' })
  parsePassword(value: string): string {
    return value;
  }
}
