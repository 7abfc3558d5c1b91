import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ANSWER, classifyLookup, DomainError, FieldError, LookupIndex, PublishedNames, ScreenAnswer, screenCaller } from '@app/domain';
import { OrganizationKinds } from '../feed/organization-kinds';
import { LookupService } from '../lookup/lookup.service';
import type { CarrierCells } from '../metrics/lookup-metrics';
import { ScreenDto } from './dto/screen.dto';

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false } as const;

/**
 * POST /v1/screen from memory, in the lookup's speed class: the body checked against ScreenDto (class-validator,
 * as Nest's pipe would), the number parsed and classified as a lookup without origin, the names matched by the
 * list PublishedNames compiled when it last changed, the organization's kind from OrganizationKinds. No database.
 */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly index: LookupIndex,
    private readonly lookups: LookupService,
    private readonly names: PublishedNames,
    private readonly kinds: OrganizationKinds,
  ) {}

  /** The answer as JSON text, counted into the carrier's cells. */
  screen(cells: CarrierCells, body: unknown): string {
    const dto = parse(body);
    const answer = this.answer(dto, Date.now());
    cells.screened(answer.verdict);
    return JSON.stringify(answer);
  }

  answer(dto: ScreenDto, now: number): ScreenAnswer {
    let brand = null;
    if (dto.number !== undefined) {
      const compiled = this.index.get(this.lookups.parseNumber(dto.number));
      if (classifyLookup(compiled, now) === ANSWER.brand) {
        const organization = compiled!.entry.organization!;
        brand = { organization, kind: this.kinds.of(organization.code) };
      }
    }
    return screenCaller(this.names.list, dto, brand);
  }
}

function parse(body: unknown): ScreenDto {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON object');
  }
  const dto = plainToInstance(ScreenDto, body);
  const errors = validateSync(dto, VALIDATION);
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Invalid request', { fields: fieldsOf(errors) });
  if (dto.displayName === undefined && dto.senderId === undefined) {
    const message = 'displayName or senderId is required';
    throw new DomainError('VALIDATION_FAILED', message, { fields: [{ field: 'displayName', message }] });
  }
  return dto;
}

function fieldsOf(errors: ValidationError[]): FieldError[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
}
