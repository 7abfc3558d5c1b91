import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { assertHoldingCarrierGiven, DomainError, isDomainError, labelKey, normalizeRegistration } from '@app/domain';
import { useBulkBounds } from '@app/database';
import { assertCanManage } from '../common/access';
import { ItemAuthors } from '../pipeline/item-authors';
import { WriteOutcome, WritePipeline } from '../pipeline/write-pipeline';
import type { ActingContext } from '../common/request-context';
import { ImportReportDto, ImportRowErrorDto } from './dto/number.dto';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { CarriersRepository } from '../carriers/carriers.repository';
import { duplicateNumber, NumbersRepository } from './numbers.repository';
import { assertKnownHoldingCarrier, NumbersService } from './numbers.service';
import { insertPendingNumbers, PendingNumber } from './pending-numbers';

export const IMPORT_COLUMNS = ['number', 'label', 'direction', 'allowedOrigins', 'validFrom', 'validTo', 'holdingCarrier'] as const;
export const IMPORT_MAX_ROWS = 200_000;

interface Accepted extends PendingNumber {
  line: number;
  input: string;
}

/**
 * CSV import: every row is checked with the same rules as a single registration; accepted rows are written
 * in one transaction (all or nothing), and a row that loses a race for its number is reported, not lost.
 */
@Injectable()
export class NumbersImportService {
  constructor(
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly numbers: NumbersService,
    private readonly holdings: NumberHoldingsService,
    private readonly repo: NumbersRepository,
    private readonly brandnames: BrandnamesRepository,
    private readonly carriers: CarriersRepository,
  ) {}

  async import(ctx: ActingContext, organizationId: string, csv: Buffer, dryRun: boolean): Promise<ImportReportDto> {
    const records = parseCsv(csv);
    return this.pipeline.run(ctx, {
      load: async (em) => {
        // Up to IMPORT_MAX_ROWS rows in one transaction: the bulk bounds (DB_BULK_QUERY_TIMEOUT_MS), not a request's.
        await useBulkBounds(em);
        return this.numbers.assertOrganizationOpen(em, organizationId);
      },
      authorize: () => assertCanManage(ctx.actor, organizationId),
      apply: (em) => this.importIn(em, ctx, organizationId, records, csv, dryRun),
    });
  }

  private async importIn(
    em: EntityManager,
    ctx: ActingContext,
    organizationId: string,
    records: CsvRecord[],
    csv: Buffer,
    dryRun: boolean,
  ): Promise<WriteOutcome<ImportReportDto>> {
    const brandnames = await this.brandnames.claimingByLabel(em, organizationId);
    const origins = await this.carriers.codes(em);
    const rejected: ImportRowErrorDto[] = [];
    const accepted = new Map<string, Accepted>();
    for (const { line, input, row, shapeError } of records) {
      try {
        if (shapeError) throw new DomainError('VALIDATION_FAILED', shapeError);
        const brandname = brandnames.get(labelKey(row.label ?? ''));
        if (!brandname) throw new DomainError('NOT_FOUND', `No brandname with label "${clip(row.label ?? '', 40)}" in this organization`);
        const holdingCarrier = (row.holdingCarrier ?? '').toUpperCase() || null;
        assertHoldingCarrierGiven(ctx.actor.role, holdingCarrier);
        assertKnownHoldingCarrier(origins, holdingCarrier);
        const reg = normalizeRegistration(
          { ...row, number: row.number ?? '', allowedOrigins: (row.allowedOrigins ?? '').split(/[;|\s]+/) },
          origins,
        );
        if (accepted.has(reg.e164)) throw new DomainError('DUPLICATE_NUMBER', `${reg.e164} appears twice in the file`);
        accepted.set(reg.e164, { line, input, reg, brandnameId: brandname.id, holdingCarrier });
      } catch (err) {
        if (!isDomainError(err)) throw err;
        rejected.push({ line, input, error: { code: err.code, message: err.message } });
      }
    }
    // Live in another organization: refused (without saying whose). A pending claim elsewhere is no obstacle.
    const taken = await this.repo.liveElsewhere(em, organizationId, [...accepted.keys()]);
    const elsewhere = new Set(taken);
    const claimable = [...accepted.values()].filter((r) => !elsewhere.has(r.reg.e164));
    taken.push(
      ...(dryRun
        ? await this.repo.claimedHere(
            em,
            organizationId,
            claimable.map((r) => r.reg.e164),
          )
        : await insertPendingNumbers(
            em,
            { numbers: this.repo, holdings: this.holdings },
            { organizationId, submittedBy: ctx.actor.id, authors: [await this.authors.author(em, ctx.actor, 'submitted')] },
            claimable,
          )),
    );
    for (const e164 of taken) {
      const row = accepted.get(e164)!;
      const { code, message } = duplicateNumber(e164);
      rejected.push({ line: row.line, input: row.input, error: { code, message } });
      accepted.delete(e164);
    }
    rejected.sort((a, b) => a.line - b.line);
    const report = { total: records.length, accepted: accepted.size, rejected: rejected.length, dryRun, rows: rejected };
    const audit = {
      action: 'number.import',
      entityType: 'organization',
      entityId: organizationId,
      after: {
        sha256: createHash('sha256').update(csv).digest('hex'),
        total: report.total,
        accepted: report.accepted,
        rejected: report.rejected,
      },
    };
    return { result: report, audit: dryRun ? [] : [audit] };
  }
}

interface CsvRecord {
  line: number;
  input: string;
  row: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
  /** A row with more or fewer fields than the header: reported on its own, not failing the file. */
  shapeError: string | null;
}

function parseCsv(csv: Buffer): CsvRecord[] {
  let parsed: Array<{ record: Record<string, string>; raw: string; info: { lines: number; error?: Error } }>;
  let headerSeen = false;
  try {
    parsed = parse(csv, {
      bom: true,
      columns: (header: string[]) => {
        headerSeen = true;
        return checkHeader(header);
      },
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      raw: true,
      info: true,
      max_record_size: 4096,
      to: IMPORT_MAX_ROWS + 1,
    });
  } catch (err) {
    if (isDomainError(err)) throw err;
    throw new DomainError('VALIDATION_FAILED', `The file is not valid CSV: ${clip((err as Error).message, 200)}`);
  }
  // An empty file (or one of blank lines) has no header to check: it is not an import of nothing.
  if (!headerSeen) checkHeader([]);
  if (parsed.length > IMPORT_MAX_ROWS) {
    throw new DomainError('VALIDATION_FAILED', `A file may hold at most ${IMPORT_MAX_ROWS} rows`);
  }
  // The raw text also holds skipped blank lines before the row and its line break (CRLF too): drop them.
  return parsed.map((p) => ({
    line: p.info.lines,
    input: clip(rawRow(p.raw), 200),
    row: p.record,
    shapeError: p.info.error ? 'The row does not have as many fields as the header' : null,
  }));
}

function rawRow(raw: string): string {
  return raw.replace(/^\s*[\r\n]/, '').replace(/[\r\n]+$/, '');
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length || !names.includes('number') || !names.includes('label') || new Set(names).size !== names.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The header must name the columns ${IMPORT_COLUMNS.join(',')} (number and label required; holdingCarrier for agency admins)`,
    );
  }
  return names;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
