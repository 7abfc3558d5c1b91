import { Injectable } from '@nestjs/common';
import { DomainError, INTERNATIONAL_ORIGIN, invalidNumberError, LookupIndex, tryParsePhoneNumber } from '@app/domain';
import { CarrierDirectory } from '../feed/carrier-directory';
import { LookupMetrics } from '../metrics/lookup-metrics';
import { BatchErrorDto, BatchLookupResultDto, LookupResultDto } from './dto/lookup.dto';

/** Carriers may cache an answer this long. */
export const TTL_SECONDS = 60;
export const BATCH_MAX = 1000;

@Injectable()
export class LookupService {
  constructor(
    private readonly index: LookupIndex,
    private readonly carriers: CarrierDirectory,
    private readonly metrics: LookupMetrics,
  ) {}

  lookup(carrier: string, input: string, origin: string | undefined): LookupResultDto {
    const parsed = tryParsePhoneNumber(input);
    if (!parsed) throw invalidNumberError(input);
    return this.answer(carrier, parsed.e164, this.checkOrigin(origin));
  }

  batch(carrier: string, numbers: unknown, origin: unknown): BatchLookupResultDto {
    if (!Array.isArray(numbers) || numbers.length < 1 || numbers.length > BATCH_MAX) {
      throw new DomainError('VALIDATION_FAILED', `numbers must be an array of 1 to ${BATCH_MAX} strings`);
    }
    if (origin !== undefined && typeof origin !== 'string') throw new DomainError('INVALID_ORIGIN', 'origin must be a string');
    const checkedOrigin = this.checkOrigin(origin);
    const registryVersion = this.index.version;
    const results = numbers.map((input): LookupResultDto | BatchErrorDto => {
      const parsed = tryParsePhoneNumber(input);
      if (!parsed) {
        const shown = typeof input === 'string' ? input.slice(0, 64) : JSON.stringify(input ?? null).slice(0, 64);
        return { input: shown, error: { code: 'INVALID_NUMBER', message: invalidNumberError(input).message } };
      }
      return this.answer(carrier, parsed.e164, checkedOrigin);
    });
    return { registryVersion, results };
  }

  private answer(carrier: string, e164: string, origin: string | undefined): LookupResultDto {
    const answer = this.index.lookup(e164, Date.now(), origin);
    this.metrics.verdicts.inc({ carrier, verdict: answer.verdict });
    return { ...answer, registryVersion: this.index.version, ttlSeconds: TTL_SECONDS };
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
