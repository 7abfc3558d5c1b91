import { InjectDataSource } from '@nestjs/typeorm';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'nest-commander';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { OrganizationsRepository } from '../../organizations/organizations.repository';
import { IMPORT_MAX_BYTES } from '../../numbers/numbers.controller';
import { NumbersImportService } from '../../numbers/numbers-import.service';
import { ActingRegulator } from '../acting-regulator';
import { ActingCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  org: string;
  file: string;
  dryRun?: boolean;
  report?: string;
}

@Command({ name: 'numbers:import', description: 'Import caller numbers from a CSV file into an organization (as pending)' })
export class NumbersImportCommand extends ActingCommand<Options> {
  constructor(
    io: CliIo,
    acting: ActingRegulator,
    private readonly importer: NumbersImportService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
  ) {
    super(io, acting);
  }

  protected async execute(o: Options): Promise<void> {
    const ctx = this.acting.context();
    const org = await this.organizations.byCode(this.dataSource.manager, o.org);
    if (!org) throw new DomainError('NOT_FOUND', `No organization ${o.org}`);
    const size = (await stat(o.file)).size;
    // Same cap as the upload endpoint: the import service holds the whole file in memory.
    if (size > IMPORT_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `The file exceeds ${IMPORT_MAX_BYTES} bytes`);

    // Two honest phases: bytes read (chunk by chunk), then the import, which the service does in one
    // transaction and cannot report inside, so its bar moves once, when it is done. Renders on a TTY only.
    const bar = new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit}', hideCursor: true });
    try {
      bar.start(size, 0, { phase: 'reading  ', unit: 'bytes' });
      const chunks: Buffer[] = [];
      for await (const chunk of createReadStream(o.file)) {
        chunks.push(chunk as Buffer);
        bar.increment((chunk as Buffer).length);
      }
      bar.setTotal(1);
      bar.update(0, { phase: o.dryRun ? 'checking ' : 'importing', unit: 'file' });
      const report = await this.importer.import(ctx, org.id, Buffer.concat(chunks), Boolean(o.dryRun));
      bar.update(1);
      bar.stop();

      const verb = report.dryRun ? 'would import' : 'imported';
      this.io.out(`${org.code}: ${verb} ${report.accepted} of ${report.total} rows, ${report.rejected} rejected`);
      if (o.report) {
        await writeFile(o.report, `${JSON.stringify(report, null, 2)}\n`);
        this.io.out(`Report written to ${o.report}`);
      } else {
        for (const row of report.rows) this.io.err(`line ${row.line}: ${row.error.code}: ${row.error.message} | ${row.input}`);
      }
    } finally {
      bar.stop();
    }
  }

  @Option({ flags: '--org <code>', required: true, description: 'organization code' })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--file <path>', required: true, description: 'CSV: number,label[,direction,allowedOrigins,validFrom,validTo]' })
  parseFile(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'check every row, write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--report <path>', description: 'write the full report as JSON (default: rejected rows to stderr)' })
  parseReport(value: string): string {
    return value;
  }
}
