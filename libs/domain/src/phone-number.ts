import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { DomainError } from './errors';

/**
 * The one phone-number parser of the registry: every Vietnamese format people write goes in,
 * a canonical E.164 number and its type come out. Validation is libphonenumber's ("max" metadata,
 * so the number type is known); we only pre-clean what it cannot read.
 */

export const VN_COUNTRY_CALLING_CODE = '84';

export type PhoneNumberType = 'fixed_line' | 'mobile' | 'toll_free' | 'premium_rate' | 'shared_cost' | 'voip' | 'uan' | 'other';

export interface ParsedPhoneNumber {
  /** "+842439437142" */
  readonly e164: string;
  readonly type: PhoneNumberType;
  /** National format, e.g. "024 3943 7142". */
  readonly national: string;
}

/** Longer inputs are rejected before parsing: no real number needs more, and it bounds the cost. */
export const MAX_PHONE_INPUT_LENGTH = 64;
/**
 * Bounded memo cache (input → result, or null when invalid): the lookup hot path sees the same numbers
 * again and again. Two generations of at most half the limit each: when the current one is full it
 * becomes the previous one and the oldest is dropped; a hit in the previous generation is copied
 * forward, so hot numbers survive. (Evicting the oldest Map key one by one was measured to cost ~7 µs
 * per insert in V8: iteration has to skip every deleted slot.)
 */
export const PHONE_CACHE_LIMIT = 10_000;

let current = new Map<string, ParsedPhoneNumber | null>();
let previous = new Map<string, ParsedPhoneNumber | null>();

export function parsePhoneNumber(input: string): ParsedPhoneNumber {
  const parsed = tryParsePhoneNumber(input);
  if (parsed) return parsed;
  throw invalidNumberError(input);
}

/** The INVALID_NUMBER error for an input, naming it safely (for callers that use tryParsePhoneNumber). */
export function invalidNumberError(input: unknown): DomainError {
  return new DomainError('INVALID_NUMBER', `${describeInput(input)} is not a valid Vietnamese phone number`);
}

export function tryParsePhoneNumber(input: unknown): ParsedPhoneNumber | null {
  if (typeof input !== 'string' || input.length > MAX_PHONE_INPUT_LENGTH) return null;
  const cached = current.get(input);
  if (cached !== undefined) return cached;
  const older = previous.get(input); // copied forward below, even when null
  const parsed = older !== undefined ? older : parseUncached(input);
  if (current.size >= PHONE_CACHE_LIMIT / 2) {
    previous = current;
    current = new Map();
  }
  current.set(input, parsed);
  return parsed;
}

/**
 * Keeps private numbers out of logs: every digit but the last 3 becomes '*'. For a valid number the
 * "+84" country code stays readable ("+84*******142"); anything else is masked as written.
 */
export function maskPhoneNumber(e164OrInput: string): string {
  const parsed = tryParsePhoneNumber(e164OrInput);
  const text = parsed
    ? parsed.e164.slice(1 + VN_COUNTRY_CALLING_CODE.length)
    : sanitize(typeof e164OrInput === 'string' ? e164OrInput : '');
  let digitsLeft = (text.match(/\p{Nd}/gu) ?? []).length;
  const masked = text.replace(/\p{Nd}/gu, (d) => (digitsLeft-- > 3 ? '*' : d));
  return parsed ? `+${VN_COUNTRY_CALLING_CODE}${masked}` : masked;
}

/** Test hook: the cache is module state shared by every caller. */
export function phoneNumberCacheSize(): number {
  return current.size + previous.size;
}

function parseUncached(input: string): ParsedPhoneNumber | null {
  // Pre-clean what the lib refuses: "(+84) 912 345 678" (a '+' in brackets), "  +84 …" (spaces before '+';
  // trimming also turns a URL-decoded "+84…" = " 84…" into "84…"), and "tel:" (kept as garbage with extract:false).
  let text = input.replace(/[()]/g, ' ').trim();
  if (text.slice(0, 4).toLowerCase() === 'tel:') text = text.slice(4);
  let phone;
  try {
    // extract:false: the whole input must be the number ("call 0912345678" or "0912abc678" are refused).
    phone = parsePhoneNumberFromString(text, { defaultCountry: 'VN', extract: false });
  } catch {
    return null; // malformed RFC 3966 phone-context etc.
  }
  if (!phone || phone.country !== 'VN' || phone.ext || !phone.isValid()) return null;
  return Object.freeze({ e164: phone.number, type: toType(phone.getType()), national: phone.formatNational() });
}

function toType(type: NumberType): PhoneNumberType {
  switch (type) {
    case 'FIXED_LINE':
      return 'fixed_line';
    // VN's fixed-line (2x, 10 digits) and mobile patterns don't overlap, so the lib can't return
    // FIXED_LINE_OR_MOBILE for VN today; should the metadata change, treat it as mobile.
    case 'MOBILE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'mobile';
    case 'TOLL_FREE':
      return 'toll_free';
    case 'PREMIUM_RATE':
      return 'premium_rate';
    case 'SHARED_COST':
      return 'shared_cost';
    case 'VOIP':
      return 'voip';
    case 'UAN':
      return 'uan';
    default:
      return 'other';
  }
}

/** Echo of the input for error messages: safe in JSON and logs, and short. */
function describeInput(input: unknown): string {
  if (typeof input !== 'string') return `A value of type ${input === null ? 'null' : typeof input}`;
  return JSON.stringify(sanitize(input));
}

function sanitize(input: string): string {
  // Control, format (bidi overrides, zero-width), line separators and lone surrogates.
  const chars = Array.from(input.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, ''));
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}

/**
 * A search box's text as an E.164 prefix: every format people type ("+84 24 3943 7142", "0243 943 7142",
 * "842439437142", "0084…") and a beginning of one ("02439" → "+842439"). Null when it is not a number at all
 * (letters, too few digits): the caller searches something else or refuses it.
 */
export function e164PrefixOfQuery(query: unknown): string | null {
  if (typeof query !== 'string' || query.length > MAX_PHONE_INPUT_LENGTH) return null;
  const full = tryParsePhoneNumber(query);
  if (full) return full.e164;
  const text = query.trim();
  // Separators people write between groups; anything else (letters, '*') is not a number.
  if (!/^\+?[\d\s.\-()]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let national: string;
  if (text.startsWith('+') || digits.startsWith('00')) {
    const international = digits.replace(/^00/, '');
    if (!international.startsWith(VN_COUNTRY_CALLING_CODE)) return null;
    national = international.slice(VN_COUNTRY_CALLING_CODE.length);
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else if (digits.startsWith(VN_COUNTRY_CALLING_CODE)) {
    national = digits.slice(VN_COUNTRY_CALLING_CODE.length);
  } else {
    national = digits;
  }
  // "0", "+84" or "84" alone would match every number: at least two digits of the national number.
  if (national.length < 2 || national.length > 10) return null;
  return `+${VN_COUNTRY_CALLING_CODE}${national}`;
}

/** A stored E.164 number as people read it ("+842439437142" → "024 3943 7142"); anything else as given. */
export function formatNationalNumber(e164: string): string {
  return tryParsePhoneNumber(e164)?.national ?? e164;
}
