import { DomainError } from './errors';
import { NUMBER_DIRECTIONS, NumberDirection } from './lifecycle';
import { INTERNATIONAL_ORIGIN } from './lookup-entry';
import { parsePhoneNumber, PhoneNumberType } from './phone-number';

/** A number registration as typed by an agency admin (API body or CSV row). */
export interface NumberRegistrationInput {
  number: string;
  direction?: string | null;
  allowedOrigins?: string[] | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface NumberRegistration {
  e164: string;
  type: PhoneNumberType;
  direction: NumberDirection;
  allowedOrigins: string[];
  validFrom: Date | null;
  validTo: Date | null;
}

/**
 * Checks one registration. `knownOrigins` are the carrier codes in the registry; INTERNATIONAL may be
 * listed explicitly to let an international gateway present the number.
 */
export function normalizeRegistration(input: NumberRegistrationInput, knownOrigins: ReadonlySet<string>): NumberRegistration {
  const { e164, type } = parsePhoneNumber(input.number);
  const direction = (input.direction || 'outbound') as NumberDirection;
  if (!NUMBER_DIRECTIONS.includes(direction)) {
    throw new DomainError('VALIDATION_FAILED', `direction must be one of ${NUMBER_DIRECTIONS.join(', ')}`);
  }
  const allowedOrigins = [...new Set((input.allowedOrigins ?? []).map((o) => o.trim().toUpperCase()).filter(Boolean))].sort();
  const unknown = allowedOrigins.filter((o) => o !== INTERNATIONAL_ORIGIN && !knownOrigins.has(o));
  if (unknown.length) throw new DomainError('INVALID_ORIGIN', `Unknown carrier code(s) in allowedOrigins: ${unknown.join(', ')}`);
  const validFrom = parseDate(input.validFrom, 'validFrom');
  const validTo = parseDate(input.validTo, 'validTo');
  if (validFrom && validTo && validTo <= validFrom) {
    throw new DomainError('VALIDATION_FAILED', 'validTo must be after validFrom');
  }
  return { e164, type, direction, allowedOrigins, validFrom, validTo };
}

const DATE_TIME_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant: ISO 8601 date and time with an offset (`Z` or `+07:00`). A date alone, or a time without an offset,
 * would be read in the server's time zone: `2027-01-31` as validTo would end at 07:00 in Vietnam.
 */
export function parseDate(value: string | null | undefined, field: string): Date | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const text = value.trim();
  const match = DATE_TIME_WITH_OFFSET.exec(text);
  if (!match) {
    const hint = /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `; a date alone is ambiguous: write the instant, e.g. ${text}T00:00:00+07:00 for the start of that day in Vietnam`
      : '';
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be an ISO 8601 date and time with an offset, such as 2027-01-31T00:00:00+07:00 or 2027-01-30T17:00:00Z${hint}`,
    );
  }
  // Date would roll 2027-02-30 over to March: check the calendar day itself.
  const [y, m, d] = [match[1], match[2], match[3]].map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    throw new DomainError('VALIDATION_FAILED', `${field} is not a real date`);
  }
  return date;
}
