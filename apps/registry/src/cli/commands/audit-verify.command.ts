import { Command } from 'nest-commander';
import { AuditService } from '../../audit/audit.service';
import { CliCommand } from '../cli-command';
import { CliIo } from '../cli-io';

@Command({ name: 'audit:verify', description: 'Recompute the audit hash chain; exit code 1 if it is broken' })
export class AuditVerifyCommand extends CliCommand<object> {
  constructor(
    io: CliIo,
    private readonly audit: AuditService,
  ) {
    super(io);
  }

  protected async execute(): Promise<void> {
    const result = await this.audit.verify();
    if (result.valid) {
      this.io.out(`Audit chain valid: ${result.checked} events checked`);
      return;
    }
    this.io.out(`Audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.checked} events valid before it)`);
    this.io.fail(1);
  }
}
