import { Injectable } from '@nestjs/common';
import {
  ANSWER,
  answerJson,
  answerPrefixJson,
  AnswerKind,
  classifyLookup,
  CompiledEntry,
  DomainError,
  INTERNATIONAL_ORIGIN,
  invalidNumberError,
  LookupIndex,
  originAllowedJson,
  tryParsePhoneNumber,
} from '@app/domain';
import { FragmentBytes, JsonBytes } from './json-bytes';
import { CarrierDirectory } from '../feed/carrier-directory';
import type { CarrierCells } from '../metrics/lookup-metrics';

/** Carriers may cache an answer this long. */
export const TTL_SECONDS = 60;
export const BATCH_MAX = 1000;

/**
 * Lookup answers as JSON text: the entry's constant part was prepared by the index, so a request only joins
 * strings (no answer objects, no serialiser). Each answer is counted into the carrier's metric cells.
 */
@Injectable()
export class LookupService {
  private tailVersion = -1;
  private tailJson = '';
  private readonly fragmentBytes = new FragmentBytes();

  constructor(
    private readonly index: LookupIndex,
    private readonly carriers: CarrierDirectory,
  ) {}

  /** `signed`: the answer carries the entry's JWS (made when it was published; null when the number is not registered now). */
  lookup(cells: CarrierCells, input: string, origin: string | undefined, signed = false): string {
    const e164 = this.e164Of(input);
    if (e164 === undefined) throw invalidNumberError(input);
    return this.answer(cells, e164, this.checkOrigin(origin), Date.now(), this.tail(), signed);
  }

  /** The batch answer as UTF-8 bytes (see JsonBytes). */
  batch(cells: CarrierCells, numbers: unknown, origin: unknown, signed: unknown = undefined): Buffer {
    if (!Array.isArray(numbers) || numbers.length < 1 || numbers.length > BATCH_MAX) {
      throw new DomainError('VALIDATION_FAILED', `numbers must be an array of 1 to ${BATCH_MAX} strings`);
    }
    if (origin !== undefined && typeof origin !== 'string') throw new DomainError('INVALID_ORIGIN', 'origin must be a string');
    if (signed !== undefined && typeof signed !== 'boolean') throw new DomainError('VALIDATION_FAILED', 'signed must be a boolean');
    const checkedOrigin = this.checkOrigin(origin);
    const tail = this.tail();
    const now = Date.now();
    const out = new JsonBytes(numbers.length * 320 + 64);
    out.ascii(`{"registryVersion":${this.index.version},"results":[`);
    for (let i = 0; i < numbers.length; i++) {
      if (i > 0) out.ascii(',');
      const input: unknown = numbers[i];
      const e164 = typeof input === 'string' ? this.e164Of(input) : undefined;
      if (e164 === undefined) {
        out.utf8(invalidItemJson(input));
        continue;
      }
      const compiled = this.index.get(e164);
      const kind = classifyLookup(compiled, now, checkedOrigin);
      cells.answered(kind);
      // The same bytes as answerJson(), the shared fragment copied rather than re-encoded.
      const end = originAllowedJson(kind, checkedOrigin) + (signed ? jwsField(kind, compiled) + tail : tail);
      if (kind === ANSWER.brand) {
        cells.brandedFor(compiled!.entry.organization!.code, now);
        out.ascii(`{"number":"${e164}"`);
        out.bytes(this.fragmentBytes.of(compiled!.brandJson));
        out.ascii(end);
      } else out.ascii(answerPrefixJson(kind, e164) + end);
    }
    out.ascii(']}');
    return out.result();
  }

  /** The E.164 form of a number as a lookup reads it; INVALID_NUMBER otherwise. */
  parseNumber(input: string): string {
    const e164 = this.e164Of(input);
    if (e164 === undefined) throw invalidNumberError(input);
    return e164;
  }

  /**
   * A registered number written plainly straight from the index; another plain one parsed in its E.164 form (one
   * parser cache entry for all its spellings); anything else through the phone parser as written.
   */
  private e164Of(input: string): string | undefined {
    const registered = this.index.registeredKey(input);
    if (registered !== undefined) return registered;
    const key = this.index.plainKey(input);
    return tryParsePhoneNumber(key ?? input)?.e164;
  }

  private answer(cells: CarrierCells, e164: string, origin: string | undefined, now: number, tail: string, signed: boolean): string {
    const compiled = this.index.get(e164);
    const kind = classifyLookup(compiled, now, origin);
    cells.answered(kind);
    if (kind === ANSWER.brand) cells.brandedFor(compiled!.entry.organization!.code, now);
    return answerJson(kind, e164, compiled, origin, signed ? jwsField(kind, compiled) + tail : tail);
  }

  /** `,"registryVersion":…,"ttlSeconds":…}`, rebuilt only when the index moves on. */
  private tail(): string {
    const version = this.index.version;
    if (version !== this.tailVersion) {
      this.tailVersion = version;
      this.tailJson = `,"registryVersion":${version},"ttlSeconds":${TTL_SECONDS}}`;
    }
    return this.tailJson;
  }

  private checkOrigin(origin: string | undefined): string | undefined {
    if (origin === undefined || origin === '') return undefined;
    const code = origin.toUpperCase();
    if (code !== INTERNATIONAL_ORIGIN && !this.carriers.isCarrier(code)) {
      throw new DomainError('INVALID_ORIGIN', `origin must be a carrier code or ${INTERNATIONAL_ORIGIN}`);
    }
    return code;
  }
}

/**
 * `,"jws":…` of a signed answer: the stored JWS of a registered number (base64url and dots: no escaping), null
 * when the registry vouches for nothing now (not registered, or outside its validity).
 */
function jwsField(kind: AnswerKind, compiled: CompiledEntry | undefined): string {
  return kind !== ANSWER.unregistered && compiled?.jws ? `,"jws":"${compiled.jws}"` : ',"jws":null';
}

/** `{input, error}` for an entry of a batch that is not a number, echoing the input safely and briefly. */
function invalidItemJson(input: unknown): string {
  const shown = typeof input === 'string' ? input.slice(0, 64) : JSON.stringify(input ?? null).slice(0, 64);
  const message = invalidNumberError(input).message;
  return `{"input":${JSON.stringify(shown)},"error":{"code":"INVALID_NUMBER","message":${JSON.stringify(message)}}}`;
}
