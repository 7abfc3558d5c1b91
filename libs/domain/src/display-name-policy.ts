import { DomainError, type ErrorCode } from './errors';
import type { OrganizationKind } from './lifecycle';
import { foldDigraphs, foldLookalikes, foldToAscii } from './name-folding';
import { assertProtectedNamesAllowed, type ProtectedNameList } from './protected-names/protected-name-list';

/**
 * What a brandname may say, and when two brandnames look alike.
 *
 * Two tiers: the `label` pushed to every handset (Decree 91/2020 Art. 23: ASCII, 1-11 characters) and the
 * Vietnamese `displayName` for rich displays, with its derived ASCII fallback. Display text is checked against a
 * whitelist (Latin letters with an ASCII equivalent, Vietnamese marks, digits, a few punctuation marks): anything
 * else, from bidi overrides to emoji to Cyrillic, is refused with a message naming the character and position.
 *
 * Positions in messages count characters (code points) of the normalised value, from 1.
 */

export interface DisplayNameLimits {
  minLength: number;
  maxLength: number;
}

export const DEFAULT_DISPLAY_NAME_LIMITS: Readonly<DisplayNameLimits> = Object.freeze({ minLength: 2, maxLength: 32 });
/** brandnames.display_name and display_name_ascii are varchar(64): no configuration may allow more. */
export const DISPLAY_NAME_HARD_MAX_LENGTH = 64;
export const LABEL_MAX_LENGTH = 11;
/** RFC 9796 suggests keeping the call reason short enough for a handset screen. */
export const CALL_REASON_MAX_LENGTH = 64;

/** Longer raw inputs are refused before normalising: bounds the work, and no valid value comes close. */
const MAX_RAW_LENGTH = 1024;

const LABEL_ALLOWED_TEXT = "A-Z, a-z, 0-9, '-', '_', '.' and space";
const DISPLAY_PUNCTUATION = new Set([' ', '&', '.', ',', '-', '(', ')', "'", '/', ':']);
const DISPLAY_ALLOWED_TEXT = "Latin letters (with Vietnamese diacritics), digits 0-9, space and & . , - ( ) ' / :";

/** The marks Vietnamese is written with: five tones (grave, acute, tilde, hook, dot below) and ˆ ˘ horn. */
const VIETNAMESE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031B']);
/** A vowel carries at most a shape mark and a tone (counted after NFD); more stacked marks is "zalgo" text. */
const MAX_MARKS_PER_LETTER = 2;

const BIDI_CONTROL = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u;
const ZERO_WIDTH = /^[\u200B-\u200D\u2060\uFEFF]$/u;
/** Emoji that are invisible on their own: variation selectors, the keycap combiner, tag characters. */
const EMOJI_COMPONENT = /^[\uFE0E\uFE0F\u20E3\u{E0020}-\u{E007F}]$/u;
const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]$/u;
const SCRIPT_NAMES = [
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Arabic',
  'Hebrew',
  'Thai',
  'Lao',
  'Khmer',
  'Devanagari',
].map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const);

// ---------------------------------------------------------------------------------------------------------------
// Label
// ---------------------------------------------------------------------------------------------------------------

/** Trims, collapses inner whitespace to one space, validates; case is kept as written. Throws INVALID_LABEL. */
export function normalizeLabel(input: string): string {
  const fail = (message: string): never => fieldError('INVALID_LABEL', 'label', message);
  if (typeof input !== 'string') return fail(`label must be a string, not ${describeType(input)}`);
  if (input.length > MAX_RAW_LENGTH) return fail(`label is too long (${input.length} characters; at most ${LABEL_MAX_LENGTH})`);
  const label = collapseWhitespace(input.normalize('NFC'));
  if (label === '') return fail('label is empty; it needs 1 to 11 characters');
  const chars = Array.from(label);
  chars.forEach((ch, i) => {
    if (/^[A-Za-z0-9\-_. ]$/.test(ch)) return;
    const ascii = foldToAscii(ch);
    const hint = ascii !== ch && /^[A-Za-z]+$/.test(ascii) ? ` (write it without diacritics: "${ascii}")` : '';
    fail(`label ${echo(label)}: ${describeChar(ch)} at position ${i + 1} is not allowed; use only ${LABEL_ALLOWED_TEXT}${hint}`);
  });
  if (chars.length > LABEL_MAX_LENGTH) {
    fail(`label ${echo(label)} is ${chars.length} characters long; the maximum is ${LABEL_MAX_LENGTH}`);
  }
  // A label without letters reads as a phone number ("1900-123") or as nothing ("--"): Decree 91 forbids the former.
  if (!/[A-Za-z]/.test(label)) {
    fail(
      /[0-9]/.test(label)
        ? `label ${echo(label)} must not consist only of digits (and separators); add at least one letter`
        : `label ${echo(label)} must contain at least one letter`,
    );
  }
  return label;
}

/** Upper-case key for the national case-insensitive uniqueness of labels (matches upper(label) in the database). */
export function labelKey(label: string): string {
  return collapseWhitespace(label).toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Display name, its ASCII form, call reason
// ---------------------------------------------------------------------------------------------------------------

/** NFC, whitespace collapsed and trimmed, characters and length checked. Throws INVALID_DISPLAY_NAME. */
export function normalizeDisplayName(input: string, limits: DisplayNameLimits = DEFAULT_DISPLAY_NAME_LIMITS): string {
  const { minLength, maxLength } = checkLimits(limits);
  const name = normalizeText(input, 'displayName', 'INVALID_DISPLAY_NAME', maxLength);
  assertDisplayCharacters(name, 'displayName', 'INVALID_DISPLAY_NAME');
  assertLength(name, 'displayName', 'INVALID_DISPLAY_NAME', minLength, maxLength);
  assertHasLetter(name, 'displayName', 'INVALID_DISPLAY_NAME');
  return name;
}

/** "Bộ TT&TT" → "Bo TT&TT": marks stripped, đ → d. Characters without an ASCII spelling are left as they are. */
export function toAsciiName(displayName: string): string {
  return foldToAscii(collapseWhitespace(displayName.normalize('NFC')));
}

/** Validates a user-supplied ASCII form: printable ASCII only, same length rule. Throws INVALID_DISPLAY_NAME. */
export function normalizeDisplayNameAscii(input: string, limits: DisplayNameLimits = DEFAULT_DISPLAY_NAME_LIMITS): string {
  return checkAsciiName(input, limits, 'displayNameAscii');
}

/** Optional: null, undefined or blank → null. Same characters as a display name, at most 64. Throws INVALID_CALL_REASON. */
export function normalizeCallReason(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const reason = normalizeText(input, 'callReason', 'INVALID_CALL_REASON', CALL_REASON_MAX_LENGTH);
  if (reason === '') return null;
  assertDisplayCharacters(reason, 'callReason', 'INVALID_CALL_REASON');
  assertLength(reason, 'callReason', 'INVALID_CALL_REASON', 1, CALL_REASON_MAX_LENGTH);
  return reason;
}

// ---------------------------------------------------------------------------------------------------------------
// Confusables
// ---------------------------------------------------------------------------------------------------------------

/**
 * A key that is equal for names that look alike: "BO TTTT", "Bộ TT&TT", "B0 TT & TT", Cyrillic "ВО ТТТТ" and
 * full-width "ＢＯ ＴＴＴＴ" all give "botttt". Steps: NFKC; NFD; TR39 prototypes; marks stripped (đ → d);
 * lower case; look-alike digits and letters folded (0→o, 1/i/|→l, 5→s, 8→b); everything but letters and digits
 * removed; then TR39's multi-letter look-alikes rn→m, cl→d, vv→w. Deliberately coarse: it is only compared across
 * organizations.
 */
export function confusableSkeleton(input: string): string {
  return foldDigraphs(foldLookalikes(input).replace(/[^\p{L}\p{N}]+/gu, ''));
}

/** True when both names have the same, non-empty skeleton. */
export function isConfusableWith(a: string, b: string): boolean {
  const skeleton = confusableSkeleton(a);
  return skeleton !== '' && skeleton === confusableSkeleton(b);
}

/**
 * Skeletons at least this long are also refused one edit away ("VIETCOMBANK1" beside "VIETCOMBANK"); shorter
 * ones only when equal: a two-letter skeleton has dozens of neighbours, nearly all of them unrelated names.
 */
export const NEAR_LOOKALIKE_MIN_LENGTH = 3;

/**
 * How two brandnames' skeleton sets compare: 'same' when any skeleton is equal (never allowed across
 * organizations), 'near' when one is a single edit (insertion, deletion, substitution or swap of neighbours)
 * from the other (allowed only with a regulator's audited override), else null.
 */
export function skeletonSimilarity(a: readonly string[], b: readonly string[]): 'same' | 'near' | null {
  if (a.some((x) => b.includes(x))) return 'same';
  const near = a.some((x) => b.some((y) => Math.min(x.length, y.length) >= NEAR_LOOKALIKE_MIN_LENGTH && withinOneEdit(x, y)));
  return near ? 'near' : null;
}

/** Optimal-string-alignment distance of at most one, in linear time. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: number, y: number) => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2);
    return swapped || rest(i + 1, i + 1);
  }
  return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Whole brandname
// ---------------------------------------------------------------------------------------------------------------

export interface BrandnameInput {
  label: string;
  displayName: string;
  displayNameAscii?: string | null;
  callReason?: string | null;
}

export interface NormalizedBrandname {
  label: string;
  labelKey: string;
  displayName: string;
  displayNameAscii: string;
  callReason: string | null;
  /** Distinct skeletons of label, displayName and displayNameAscii (the last adds one only when overridden unlike the name). */
  skeletons: string[];
}

/**
 * Normalises and validates every field, then applies the protected-name rule to label, display name, ASCII form and
 * call reason: a term of `protectedNames` that `kind` does not own is refused (RESERVED_NAME naming it).
 */
export function normalizeBrandname(
  input: BrandnameInput,
  kind: OrganizationKind,
  protectedNames: ProtectedNameList,
  limits: DisplayNameLimits = DEFAULT_DISPLAY_NAME_LIMITS,
): NormalizedBrandname {
  const label = normalizeLabel(input.label);
  const displayName = normalizeDisplayName(input.displayName, limits);
  const override = input.displayNameAscii;
  const displayNameAscii =
    override === null || override === undefined || (typeof override === 'string' && collapseWhitespace(override) === '')
      ? checkAsciiName(toAsciiName(displayName), limits, 'displayNameAscii (derived from displayName)')
      : normalizeDisplayNameAscii(override, limits);
  const callReason = normalizeCallReason(input.callReason);
  // The call reason is shown beside the name, so a bank may not claim to call for "Công an" there either.
  assertProtectedNamesAllowed(protectedNames, kind, [
    { field: 'label', value: label },
    { field: 'displayName', value: displayName },
    { field: 'displayNameAscii', value: displayNameAscii },
    { field: 'callReason', value: callReason },
  ]);
  // The ASCII form is shown too, so an override that imitates another organization must be compared as well.
  const skeletons = [...new Set([label, displayName, displayNameAscii].map(confusableSkeleton))].filter((s) => s !== '');
  return { label, labelKey: labelKey(label), displayName, displayNameAscii, callReason, skeletons };
}

// ---------------------------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------------------------

function fieldError(code: ErrorCode, field: string, message: string): never {
  throw new DomainError(code, message, { fields: [{ field, message }] });
}

function checkLimits(limits: DisplayNameLimits): DisplayNameLimits {
  const { minLength, maxLength } = limits;
  // A configuration mistake, not a user error: fail loudly.
  const valid =
    Number.isInteger(minLength) &&
    Number.isInteger(maxLength) &&
    minLength >= 1 &&
    minLength <= maxLength &&
    maxLength <= DISPLAY_NAME_HARD_MAX_LENGTH;
  if (!valid) {
    throw new RangeError(
      `Invalid display name limits {minLength: ${minLength}, maxLength: ${maxLength}}: ` +
        `need 1 <= minLength <= maxLength <= ${DISPLAY_NAME_HARD_MAX_LENGTH}`,
    );
  }
  return limits;
}

/** Type check, size bound, NFC, whitespace collapse. */
function normalizeText(input: unknown, field: string, code: ErrorCode, maxLength: number): string {
  if (typeof input !== 'string') return fieldError(code, field, `${field} must be a string, not ${describeType(input)}`);
  if (input.length > MAX_RAW_LENGTH) {
    return fieldError(code, field, `${field} is too long (${input.length} characters; the maximum is ${maxLength})`);
  }
  return collapseWhitespace(input.normalize('NFC'));
}

/**
 * Runs of Unicode White_Space (tab, newline, no-break space, ideographic space...) become one space; ends trimmed.
 * Not String.prototype.trim: it would silently drop U+FEFF, which we refuse as zero-width.
 */
function collapseWhitespace(text: string): string {
  return text.replace(/\p{White_Space}+/gu, ' ').replace(/^ | $/g, '');
}

function assertDisplayCharacters(text: string, field: string, code: ErrorCode): void {
  let marks = 0;
  let previousIsLetter = false;
  Array.from(text).forEach((ch, i) => {
    let ok: boolean;
    if (VIETNAMESE_MARKS.has(ch)) {
      // After NFC, Vietnamese needs no loose marks; allow the odd one on a letter, never a stack or a mark on nothing.
      marks = previousIsLetter ? marks + 1 : Infinity;
      ok = marks <= MAX_MARKS_PER_LETTER;
    } else {
      previousIsLetter = isAllowedLetter(ch);
      marks = previousIsLetter ? ch.normalize('NFD').length - 1 : 0; // "ộ" already carries two
      ok = previousIsLetter || /^[0-9]$/.test(ch) || DISPLAY_PUNCTUATION.has(ch);
    }
    if (!ok) {
      fieldError(code, field, `${field}: ${describeChar(ch)} at position ${i + 1} is not allowed; use only ${DISPLAY_ALLOWED_TEXT}`);
    }
  });
}

/** A Latin letter in its plain (NFKC) form that has an ASCII spelling: so toAsciiName always succeeds. */
function isAllowedLetter(ch: string): boolean {
  return /^\p{Script=Latin}$/u.test(ch) && /^\p{L}$/u.test(ch) && ch.normalize('NFKC') === ch && /^[A-Za-z]+$/.test(foldToAscii(ch));
}

function assertLength(text: string, field: string, code: ErrorCode, minLength: number, maxLength: number): void {
  const length = Array.from(text).length;
  if (length < minLength || length > maxLength) {
    const bound = length < minLength ? `the minimum is ${minLength}` : `the maximum is ${maxLength}`;
    fieldError(code, field, `${field} is ${length} character${length === 1 ? '' : 's'} long; ${bound}`);
  }
}

function assertHasLetter(text: string, field: string, code: ErrorCode): void {
  if (!/\p{L}/u.test(text)) fieldError(code, field, `${field} ${echo(text)} must contain at least one letter`);
}

function checkAsciiName(input: unknown, limits: DisplayNameLimits, field: string): string {
  const code = 'INVALID_DISPLAY_NAME';
  const { minLength, maxLength } = checkLimits(limits);
  const name = normalizeText(input, field, code, maxLength);
  Array.from(name).forEach((ch, i) => {
    if (/^[\x20-\x7E]$/.test(ch)) return;
    const ascii = foldToAscii(ch);
    const hint = /^[\x20-\x7E]+$/.test(ascii) ? ` (write "${ascii}")` : '';
    fieldError(code, field, `${field}: ${describeChar(ch)} at position ${i + 1} is not printable ASCII${hint}`);
  });
  assertLength(name, field, code, minLength, maxLength);
  assertHasLetter(name, field, code);
  return name;
}

/** Names the character for an error message; invisible ones by code point only, so the message stays readable. */
function describeChar(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/^\p{Cs}$/u.test(ch)) return `an unpaired surrogate (${code})`;
  if (BIDI_CONTROL.test(ch)) return `a bidirectional control character (${code})`;
  if (ZERO_WIDTH.test(ch)) return `a zero-width character (${code})`;
  if (/^\p{Cc}$/u.test(ch)) return `a control character (${code})`;
  if (/^\p{Co}$/u.test(ch)) return `a private-use character (${code})`;
  if (/^\p{Cn}$/u.test(ch)) return `an unassigned code point (${code})`;
  if (EMOJI_COMPONENT.test(ch)) return `an invisible emoji component (${code})`;
  if (EMOJI.test(ch)) return `an emoji or pictograph "${ch}" (${code})`;
  if (/^[\p{Cf}\p{Zl}\p{Zp}]$/u.test(ch)) return `an invisible formatting character (${code})`;
  if (/^\p{M}$/u.test(ch)) {
    return VIETNAMESE_MARKS.has(ch) ? `a stray or stacked combining mark (${code})` : `a combining mark not used in Vietnamese (${code})`;
  }
  if (ch.normalize('NFKC') !== ch) return `the compatibility character "${ch}" (${code}, e.g. full-width or a ligature)`;
  if (/^\p{L}$/u.test(ch)) {
    if (!/^\p{Script=Latin}$/u.test(ch)) {
      const script = SCRIPT_NAMES.find(([, re]) => re.test(ch))?.[0] ?? 'non-Latin';
      return `the ${script} letter "${ch}" (${code})`;
    }
    return /^[A-Za-z]+$/.test(foldToAscii(ch)) ? `the letter "${ch}" (${code})` : `the letter "${ch}" (${code}, no ASCII spelling)`;
  }
  if (/^\p{N}$/u.test(ch)) return `the digit "${ch}" (${code})`;
  return `the character "${ch}" (${code})`;
}

/** Echo of a value for messages: without invisible characters, JSON-quoted, cut at 40 characters. */
function echo(value: string): string {
  const chars = Array.from(String(value).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/gu, ''));
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join(''));
}

function describeType(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
