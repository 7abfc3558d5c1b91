import { Injectable } from '@nestjs/common';
import { validateSync, ValidationError } from 'class-validator';
import { ANSWER, classifyLookup, DomainError, FieldError, LookupIndex, PublishedNames, ScreenAnswer, screenCaller } from '@app/domain';
import { OrganizationKinds } from '../feed/organization-kinds';
import { LookupService } from '../lookup/lookup.service';
import type { CarrierCells } from '../metrics/lookup-metrics';
import { DISPLAY_NAME_MAX, SCREEN_NUMBER_MAX, ScreenDto, SENDER_ID_MAX } from './dto/screen.dto';

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false } as const;
const SCREEN_FIELDS = new Set(['displayName', 'senderId', 'number']);

/**
 * POST /v1/screen from memory, in the lookup's speed class: the body checked against ScreenDto (a quick check
 * held to it, class-validator for whatever the quick check declines, as Nest's pipe would), the number parsed and classified as a lookup without origin, the names matched by the
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
    if (dto.number != null) {
      const compiled = this.index.get(this.lookups.parseNumber(dto.number));
      if (classifyLookup(compiled, now) === ANSWER.brand) {
        const organization = compiled!.entry.organization!;
        brand = { organization, kind: this.kinds.of(organization.code) };
      }
    }
    return screenCaller(this.names.matcher, dto, brand);
  }
}

function parse(body: unknown): ScreenDto {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON object');
  }
  // Unknown fields first, as the DTO's whitelist would: never handed to class-validator (`__proto__` among them).
  const unknown = Object.keys(body).filter((k) => !SCREEN_FIELDS.has(k));
  if (unknown.length) {
    const fields = unknown.slice(0, 5).map((field) => ({ field, message: `property ${field} should not exist` }));
    throw new DomainError('VALIDATION_FAILED', 'Invalid request', { fields });
  }
  if (plainlyValid(body as Record<string, unknown>)) return body as ScreenDto;
  // Anything the quick check does not accept is decided, with its messages, by the DTO itself.
  const dto = Object.assign(new ScreenDto(), body);
  const errors = validateSync(dto, VALIDATION);
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Invalid request', { fields: fieldsOf(errors) });
  if (dto.displayName == null && dto.senderId == null) {
    const message = 'displayName or senderId is required';
    throw new DomainError('VALIDATION_FAILED', message, { fields: [{ field: 'displayName', message }] });
  }
  return dto;
}

/**
 * A quick check that accepts only bodies ScreenDto accepts (class-validator costs about a third of a lookup): each
 * field absent or a string within the DTO's bounds counted in UTF-16 units (class-validator counts a surrogate pair
 * as one character, so a string this accepts it accepts too), the first character no variation selector (which
 * class-validator does not count), and a display name or a sender ID. screening.service.spec.ts holds it to the DTO.
 */
export function plainlyValid(body: Record<string, unknown>): boolean {
  const { displayName, senderId, number } = body;
  if (displayName === undefined && senderId === undefined) return false;
  return (
    fits(displayName, 1, DISPLAY_NAME_MAX) &&
    fits(senderId, 1, SENDER_ID_MAX) &&
    (number === undefined || fits(number, 0, SCREEN_NUMBER_MAX))
  );
}

function fits(value: unknown, min: number, max: number): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'string' || value.length < min || value.length > max) return false;
  const first = value.charCodeAt(0);
  return min === 0 || (first !== 0xfe0e && first !== 0xfe0f);
}

function fieldsOf(errors: ValidationError[]): FieldError[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
}
